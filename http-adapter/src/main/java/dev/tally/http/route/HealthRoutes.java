package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.http.HealthProbe;
import dev.tally.http.auth.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (no credentials: database and sync freshness), {@code GET /metrics}
 * (Prometheus text; admin or service) and {@code GET /openapi.json} (the API's description).
 */
final class HealthRoutes {
  private final HealthProbe health;
  private final PrometheusMeterRegistry metrics;
  private final String openApi;

  HealthRoutes(HealthProbe health, PrometheusMeterRegistry metrics) {
    this.health = health;
    this.metrics = metrics;
    this.openApi = openApiDocument();
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/health"), this::health);
    routes.get(Api.path("/metrics"), this::metrics);
    routes.get(Api.path("/openapi.json"), ctx -> ctx.contentType("application/json").result(openApi));
  }

  private void health(Context ctx) {
    HealthProbe.Report report = health.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.up() ? "up" : "down");
    body.put("checks", report.checks());
    ctx.status(report.up() ? 200 : 503).json(body);
  }

  private void metrics(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** The OpenAPI document, kept beside the routes and checked against them by a test. */
  static String openApiDocument() {
    try (InputStream in = HealthRoutes.class.getResourceAsStream("/openapi/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi/openapi.json is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
