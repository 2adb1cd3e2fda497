package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Everything Tally is configured with, one section per concern. Load it with {@link
 * ConfigLoader}: every key has a default, so no file is needed. Immutable; its {@code toString()}
 * shows no secret.
 */
public record TallyConfig(
    DatabaseConfig database, BillingConfig billing, MaintenanceConfig maintenance) {

  public TallyConfig {
    checkNotNull(database, "database");
    checkNotNull(billing, "billing");
    checkNotNull(maintenance, "maintenance");
  }

  /** The configuration with every key at its default. */
  public static TallyConfig defaults() {
    return ConfigLoader.load(java.util.Optional.empty(), java.util.Map.of());
  }

  public TallyConfig withDatabase(DatabaseConfig newDatabase) {
    return new TallyConfig(newDatabase, billing, maintenance);
  }

  public TallyConfig withMaintenance(MaintenanceConfig newMaintenance) {
    return new TallyConfig(database, billing, newMaintenance);
  }
}
