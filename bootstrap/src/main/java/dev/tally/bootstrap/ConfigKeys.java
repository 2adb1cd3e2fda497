package dev.tally.bootstrap;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every configuration key, with its default: the one list of what {@code tally.yaml} accepts. */
final class ConfigKeys {
  static final String DATABASE_URL = "database.url";
  static final String DATABASE_USER = "database.user";
  static final String DATABASE_PASSWORD = "database.password";
  static final String DATABASE_POOL_SIZE = "database.pool_size";
  static final String DATABASE_MIGRATION = "database.migration";
  static final String BILLING_BUSINESS_ZONE = "billing.business_zone";
  static final String BILLING_DEFAULT_CURRENCY = "billing.default_currency";
  static final String MAINTENANCE_INTERVAL_SECONDS = "maintenance.interval_seconds";

  /** Keys in the order they are documented, with their defaults. */
  static final Map<String, String> DEFAULTS =
      ImmutableMap.<String, String>builder()
          .put(DATABASE_URL, DatabaseConfig.DEFAULT_URL)
          .put(DATABASE_USER, "sa")
          .put(DATABASE_PASSWORD, "")
          .put(DATABASE_POOL_SIZE, "10")
          .put(DATABASE_MIGRATION, "migrate")
          .put(BILLING_BUSINESS_ZONE, "Asia/Shanghai")
          .put(BILLING_DEFAULT_CURRENCY, "CNY")
          .put(MAINTENANCE_INTERVAL_SECONDS, "30")
          .buildOrThrow();

  /** Keys whose values are secrets: never echoed in messages. */
  static final Set<String> SECRETS = ImmutableSet.of(DATABASE_PASSWORD);

  private ConfigKeys() {}

  /** The environment variable that overrides {@code key}: {@code database.url} -> {@code TALLY_DATABASE_URL}. */
  static String environmentVariable(String key) {
    return "TALLY_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
