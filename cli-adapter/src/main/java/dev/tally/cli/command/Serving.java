package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.bootstrap.TallyHealth;
import dev.tally.http.HealthProbe;
import dev.tally.http.ServerSettings;
import dev.tally.http.TallyServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A running server: Tally on its database, the HTTP API in front of it, and (with {@code --demo})
 * the example catalogue. What {@code tally serve} starts and keeps running until the process
 * ends; tests start and close one the same way.
 */
public final class Serving implements AutoCloseable {
  private final Tally tally;
  private final TallyServer server;
  private final Optional<String> adminKeyLine;

  private Serving(Tally tally, TallyServer server, Optional<String> adminKeyLine) {
    this.tally = tally;
    this.server = server;
    this.adminKeyLine = adminKeyLine;
  }

  /** Opens Tally and starts serving; with {@code demo}, loads the example catalogue first. */
  public static Serving start(TallyConfig config, boolean demo) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Tally tally = Tally.open(config, metrics);
    try {
      Optional<String> keyLine = Optional.empty();
      if (demo) {
        DemoCatalogue.loadInto(tally);
        keyLine = DemoCatalogue.adminKeyLine(tally, config);
      }
      TallyServer server =
          TallyServer.start(tally.core(), tally.sync(), settings(config), () -> health(tally), metrics);
      return new Serving(tally, server, keyLine);
    } catch (RuntimeException e) {
      tally.close();
      throw e;
    }
  }

  private static ServerSettings settings(TallyConfig config) {
    return new ServerSettings(
        config.server().host(),
        config.server().port(),
        config.server().maxBodyBytes(),
        config.security().authFailuresPerMinute(),
        config.server().idleTimeout(),
        config.server().minRequestDataRate(),
        config.security().deererEnabled(),
        config.security().deererQueryParameter());
  }

  /** The health report: the database, and each configured sync's freshness. */
  private static HealthProbe.Report health(Tally tally) {
    TallyHealth health = tally.health();
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("database", health.databaseUp() ? "up" : "down");
    for (TallyHealth.Freshness entity : health.sync()) {
      Map<String, Object> sync = new LinkedHashMap<>();
      sync.put("status", entity.status().code());
      sync.put("last_success_at", entity.lastSuccessAt().map(Object::toString).orElse(null));
      sync.put("schedule", entity.onDemand() ? "on_demand" : "interval");
      sync.put("stale", entity.stale());
      checks.put("sync." + entity.entity().code(), sync);
    }
    return new HealthProbe.Report(health.databaseUp(), checks);
  }

  public int port() {
    return server.port();
  }

  /** {@code admin key: <key>} when a demo made a new admin key. */
  public Optional<String> adminKeyLine() {
    return adminKeyLine;
  }

  @Override
  public void close() {
    server.close();
    tally.close();
  }
}
