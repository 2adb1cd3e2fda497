package dev.tally.bootstrap;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.tally.core.sync.SyncEntity;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every configuration key, with its default: the one list of what {@code tally.yaml} accepts. */
final class ConfigKeys {
  static final String DATABASE_URL = "database.url";
  static final String DATABASE_USER = "database.user";
  static final String DATABASE_PASSWORD = "database.password";
  static final String DATABASE_POOL_SIZE = "database.pool_size";
  static final String DATABASE_CONNECTION_TIMEOUT_MILLIS = "database.connection_timeout_millis";
  static final String DATABASE_MIGRATION = "database.migration";
  static final String BILLING_BUSINESS_ZONE = "billing.business_zone";
  static final String BILLING_DEFAULT_CURRENCY = "billing.default_currency";
  static final String MAINTENANCE_INTERVAL_SECONDS = "maintenance.interval_seconds";
  static final String SERVER_HOST = "server.host";
  static final String SERVER_PORT = "server.port";
  static final String SERVER_MAX_BODY_BYTES = "server.max_body_bytes";
  static final String SERVER_IDLE_TIMEOUT_SECONDS = "server.idle_timeout_seconds";
  static final String SERVER_MIN_REQUEST_DATA_RATE = "server.min_request_data_rate";
  static final String SECURITY_ADMIN_KEY = "security.admin_key";
  static final String SECURITY_MASTER_KEY = "security.master_key";
  static final String SECURITY_TIMESTAMP_WINDOW_SECONDS = "security.timestamp_window_seconds";
  static final String SECURITY_AUTH_FAILURES_PER_MINUTE = "security.auth_failures_per_minute";
  static final String SECURITY_DEERER_ENABLED = "security.deerer_enabled";
  static final String SECURITY_DEERER_QUERY_PARAMETER = "security.deerer_query_parameter";
  static final String SYNC_BASE_URL = "sync.base_url";
  static final String SYNC_SIGNER = "sync.signer";
  static final String SYNC_API_KEY = "sync.api_key";
  static final String SYNC_APP_ID = "sync.app_id";
  static final String SYNC_APP_SECRET = "sync.app_secret";
  static final String SYNC_JWT_ISSUER = "sync.jwt_issuer";
  static final String SYNC_JWT_SECRET = "sync.jwt_secret";
  static final String SYNC_JWT_TTL_SECONDS = "sync.jwt_ttl_seconds";
  static final String SYNC_PAGE_SIZE = "sync.page_size";
  static final String SYNC_TIMEOUT_SECONDS = "sync.timeout_seconds";
  static final String SYNC_PAGE_TIMEOUT_SECONDS = "sync.page_timeout_seconds";
  static final String SYNC_MAX_PAGE_BYTES = "sync.max_page_bytes";
  static final String SYNC_MAX_ATTEMPTS = "sync.max_attempts";
  static final String SYNC_STALE_AFTER_INTERVALS = "sync.stale_after_intervals";
  static final String CACHE_PRICING_MAX_SIZE = "cache.pricing.max_size";
  static final String CACHE_PRICING_TTL_SECONDS = "cache.pricing.ttl_seconds";
  static final String CACHE_CATALOG_MAX_SIZE = "cache.catalog.max_size";
  static final String CACHE_CATALOG_TTL_SECONDS = "cache.catalog.ttl_seconds";
  static final String CACHE_PRODUCTS_MAX_SIZE = "cache.products.max_size";
  static final String CACHE_PRODUCTS_TTL_SECONDS = "cache.products.ttl_seconds";
  static final String CACHE_KEYS_MAX_SIZE = "cache.keys.max_size";
  static final String CACHE_KEYS_TTL_SECONDS = "cache.keys.ttl_seconds";
  static final String METERING_GROUP_COMMIT_ENABLED = "metering.group_commit.enabled";
  static final String METERING_GROUP_COMMIT_MAX_ITEMS = "metering.group_commit.max_items";
  static final String METERING_GROUP_COMMIT_MAX_WAIT_MICROS =
      "metering.group_commit.max_wait_micros";
  static final String METERING_GROUP_COMMIT_LANES = "metering.group_commit.lanes";

  /** {@code sync.<entity>.path}. */
  static String syncPath(SyncEntity entity) {
    return "sync." + entity.code() + ".path";
  }

  /** {@code sync.<entity>.interval_seconds}. */
  static String syncInterval(SyncEntity entity) {
    return "sync." + entity.code() + ".interval_seconds";
  }

  /** Keys in the order they are documented, with their defaults. */
  static final Map<String, String> DEFAULTS =
      ImmutableMap.<String, String>builder()
          .put(DATABASE_URL, DatabaseConfig.DEFAULT_URL)
          .put(DATABASE_USER, "sa")
          .put(DATABASE_PASSWORD, "")
          .put(DATABASE_POOL_SIZE, "10")
          .put(DATABASE_CONNECTION_TIMEOUT_MILLIS, "5000")
          .put(DATABASE_MIGRATION, "migrate")
          .put(BILLING_BUSINESS_ZONE, "Asia/Shanghai")
          .put(BILLING_DEFAULT_CURRENCY, "CNY")
          .put(MAINTENANCE_INTERVAL_SECONDS, "30")
          .put(SERVER_HOST, "127.0.0.1")
          .put(SERVER_PORT, "8080")
          .put(SERVER_MAX_BODY_BYTES, "1048576")
          .put(SERVER_IDLE_TIMEOUT_SECONDS, "30")
          .put(SERVER_MIN_REQUEST_DATA_RATE, "1024")
          .put(SECURITY_ADMIN_KEY, "")
          .put(SECURITY_MASTER_KEY, "")
          .put(SECURITY_TIMESTAMP_WINDOW_SECONDS, "300")
          .put(SECURITY_AUTH_FAILURES_PER_MINUTE, "20")
          .put(SECURITY_DEERER_ENABLED, "true")
          .put(SECURITY_DEERER_QUERY_PARAMETER, "false")
          .put(SYNC_BASE_URL, "")
          .put(SYNC_SIGNER, "none")
          .put(SYNC_API_KEY, "")
          .put(SYNC_APP_ID, "")
          .put(SYNC_APP_SECRET, "")
          .put(SYNC_JWT_ISSUER, "tally")
          .put(SYNC_JWT_SECRET, "")
          .put(SYNC_JWT_TTL_SECONDS, "300")
          .put(SYNC_PAGE_SIZE, "100")
          .put(SYNC_TIMEOUT_SECONDS, "30")
          .put(SYNC_PAGE_TIMEOUT_SECONDS, "120")
          .put(SYNC_MAX_PAGE_BYTES, "16777216")
          .put(SYNC_MAX_ATTEMPTS, "6")
          .put(SYNC_STALE_AFTER_INTERVALS, "3")
          .putAll(syncEntityDefaults())
          .put(CACHE_PRICING_MAX_SIZE, "1000")
          .put(CACHE_PRICING_TTL_SECONDS, "300")
          .put(CACHE_CATALOG_MAX_SIZE, "10000")
          .put(CACHE_CATALOG_TTL_SECONDS, "300")
          .put(CACHE_PRODUCTS_MAX_SIZE, "10000")
          .put(CACHE_PRODUCTS_TTL_SECONDS, "5")
          .put(CACHE_KEYS_MAX_SIZE, "10000")
          .put(CACHE_KEYS_TTL_SECONDS, "5")
          .put(METERING_GROUP_COMMIT_ENABLED, "true")
          .put(METERING_GROUP_COMMIT_MAX_ITEMS, "500")
          .put(METERING_GROUP_COMMIT_MAX_WAIT_MICROS, "0")
          .put(METERING_GROUP_COMMIT_LANES, "2")
          .buildOrThrow();

  /** Keys whose values are secrets: never echoed in messages. */
  static final Set<String> SECRETS =
      ImmutableSet.of(
          DATABASE_PASSWORD, SECURITY_ADMIN_KEY, SECURITY_MASTER_KEY, SYNC_API_KEY, SYNC_APP_SECRET,
          SYNC_JWT_SECRET);

  private ConfigKeys() {}

  private static Map<String, String> syncEntityDefaults() {
    ImmutableMap.Builder<String, String> defaults = ImmutableMap.builder();
    for (SyncEntity entity : SyncEntity.values()) {
      defaults.put(syncPath(entity), "/" + entity.code() + "/changes");
      defaults.put(syncInterval(entity), "300");
    }
    return defaults.buildOrThrow();
  }

  /** The environment variable that overrides {@code key}: {@code database.url} -> {@code TALLY_DATABASE_URL}. */
  static String environmentVariable(String key) {
    return "TALLY_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
