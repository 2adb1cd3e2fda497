package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Everything Tally is configured with, one section per concern. Load it with {@link
 * ConfigLoader}: every key has a default, so no file is needed. Immutable; its {@code toString()}
 * shows no secret.
 */
public record TallyConfig(
    DatabaseConfig database,
    BillingConfig billing,
    MaintenanceConfig maintenance,
    ServerConfig server,
    SecurityConfig security,
    SyncConfig sync,
    CacheConfig cache,
    MeteringConfig metering) {

  public TallyConfig {
    checkNotNull(database, "database");
    checkNotNull(billing, "billing");
    checkNotNull(maintenance, "maintenance");
    checkNotNull(server, "server");
    checkNotNull(security, "security");
    checkNotNull(sync, "sync");
    checkNotNull(cache, "cache");
    checkNotNull(metering, "metering");
  }

  /** The configuration with every key at its default. */
  public static TallyConfig defaults() {
    return ConfigLoader.load(java.util.Optional.empty(), java.util.Map.of());
  }

  public TallyConfig withDatabase(DatabaseConfig newDatabase) {
    return new TallyConfig(newDatabase, billing, maintenance, server, security, sync, cache, metering);
  }

  public TallyConfig withServer(ServerConfig newServer) {
    return new TallyConfig(database, billing, maintenance, newServer, security, sync, cache, metering);
  }

  /** The same configuration with no background work: no sweeps, no scheduled syncs. */
  public TallyConfig withoutBackgroundWork() {
    return new TallyConfig(
        database, billing, new MaintenanceConfig(java.time.Duration.ZERO), server, security,
        sync.withoutSchedules(), cache, metering);
  }
}
