package dev.tally.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What the server measures: every request by method, route template and status, with a latency
 * histogram ({@code http_server_requests_seconds}).
 */
final class HttpMetrics {
  private static final String STARTED = "tally.started";

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void start(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
  }

  void finish(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    var matched = ctx.endpoints().matchedHttpEndpoint();
    String route = matched == null ? "unmatched" : matched.path;
    Timer.builder("http.server.requests")
        .description("HTTP requests by route and status")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - started));
  }

  /** Counts an outcome of product_use by its code ({@code accepted}, {@code replayed}, ...). */
  void useOutcome(String code) {
    Counter.builder("tally.usage.outcomes")
        .description("product_use outcomes by code")
        .tag("code", code)
        .register(registry)
        .increment();
  }
}
