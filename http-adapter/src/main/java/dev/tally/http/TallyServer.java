package dev.tally.http;

import dev.tally.core.error.TallyException;
import dev.tally.core.port.in.Sync;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.service.TallyCore;
import dev.tally.http.auth.Authenticator;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.Json;
import dev.tally.http.route.RouteGroups;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Tally's JSON API over HTTP ({@code /api/v1}): routes, authentication, problem+json errors, the
 * OpenAPI document and Prometheus metrics, and the admin UI ({@code /admin/}) on top of that API,
 * on an embedded Jetty (Javalin). Start one with {@link #start}; {@link #close()} stops it.
 * Thread-safe.
 */
public final class TallyServer implements AutoCloseable {
  /** The prefix of every API route. */
  public static final String API = "/api/v1";

  /** Connections the kernel holds for the acceptor; Java's default of 50 drops a burst's SYNs. */
  private static final int ACCEPT_QUEUE = 1024;

  private final Javalin app;

  private TallyServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving {@code core} on the configured address.
   *
   * @param metrics where request and business metrics go; {@code /metrics} renders it
   */
  public static TallyServer start(
      TallyCore core, ServerSettings settings, HealthProbe health, PrometheusMeterRegistry metrics) {
    return start(core, core.sync(), settings, health, metrics);
  }

  /**
   * Starts serving like {@link #start(TallyCore, ServerSettings, HealthProbe,
   * PrometheusMeterRegistry)}, with {@code sync} in place of the core's own (a measured one).
   */
  public static TallyServer start(
      TallyCore core,
      Sync sync,
      ServerSettings settings,
      HealthProbe health,
      PrometheusMeterRegistry metrics) {
    Authenticator authenticator =
        new Authenticator(
            core.credentials(),
            settings.authFailuresPerMinute(),
            settings.deererEnabled(),
            settings.deererQueryParameter());
    HttpMetrics httpMetrics = new HttpMetrics(metrics);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setHost(settings.host());
                    connector.setPort(settings.port());
                    connector.setIdleTimeout(settings.idleTimeout().toMillis());
                    // a burst of connections waits in the kernel's queue instead of retrying SYNs
                    connector.setAcceptQueueSize(ACCEPT_QUEUE);
                    return connector;
                  });
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new Problems.JettyErrors());
                    server.insertHandler(
                        new WholeBodyHandler(settings.maxBodyBytes(), settings.minRequestDataRate()));
                  });
              AdminUi.register(config);
              config.routes.before(httpMetrics::start);
              config.routes.before(EncodedPath::requireDecodable);
              config.routes.beforeMatched(
                  API + "/*",
                  ctx -> {
                    // judged by the route matched, so /health/ is as public as /health
                    var matched = ctx.endpoints().matchedHttpEndpoint();
                    if (matched == null || !RouteGroups.isPublic(matched.path)) {
                      authenticator.authenticate(ctx);
                    }
                    BodyMediaType.require(ctx, matched != null && RouteGroups.takesJsonLines(matched.path));
                  });
              config.routes.after(httpMetrics::finish);
              RouteGroups.register(
                  config.routes, core, health, sync, metrics, httpMetrics::useOutcome);
              config.routes.exception(TallyException.class, Problems::tally);
              config.routes.exception(BadRequest.class, Problems::badRequest);
              config.routes.exception(StorageException.class, Problems::storage);
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      Problems.write(
                          ctx,
                          e.getStatus(),
                          Problems.codeOf(e.getStatus()),
                          e.getStatus() == 413
                              ? "the request body is larger than this server accepts ("
                                  + settings.maxBodyBytes() + " bytes); nothing was changed"
                              : e.getMessage()));
              config.routes.exception(Exception.class, Problems::unexpected);
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    // a 404 of a matched route is core's not_found, already written with its detail
                    if (ctx.endpoints().matchedHttpEndpoint() == null || ctx.result() == null) {
                      Problems.write(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
                    }
                  });
              config.routes.error(
                  405,
                  "*",
                  ctx ->
                      Problems.write(
                          ctx, 405, "method_not_allowed", ctx.method() + " is not served at " + ctx.path()));
            });
    app.start();
    return new TallyServer(app);
  }

  /**
   * Every API route served, as {@code "GET /api/v1/balances/{customer_id}"}, sorted: what the
   * OpenAPI document must describe, no more and no less (the admin UI's pages are not API).
   */
  SortedSet<String> routes() {
    Set<HandlerType> served =
        Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(handler -> handler.endpoint)
        .filter(endpoint -> served.contains(endpoint.method))
        .filter(endpoint -> endpoint.path.startsWith(API + "/"))
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The port the server listens on (useful when started on port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
