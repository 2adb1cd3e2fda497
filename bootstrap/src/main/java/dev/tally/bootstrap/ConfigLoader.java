package dev.tally.bootstrap;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Secret;
import dev.tally.core.sync.SyncEntity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@link TallyConfig}: the defaults, then the YAML file (if any), then environment variables
 * named {@code TALLY_} + the key path upper-cased with dots as underscores. An unknown key or a
 * bad value fails at once with the key's name, the value (unless secret) and its source.
 */
public final class ConfigLoader {
  /** The environment variable naming the config file when none is given on the command line. */
  public static final String CONFIG_PATH_VARIABLE = "TALLY_CONFIG";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();

  private ConfigLoader() {
    ConfigKeys.DEFAULTS.forEach(
        (key, value) -> {
          values.put(key, value);
          sources.put(key, "default");
        });
  }

  /** Loads from {@code file}, or else the file {@code TALLY_CONFIG} names, and the environment. */
  public static TallyConfig load(Optional<Path> file) {
    Map<String, String> environment = System.getenv();
    return load(
        file.or(() -> Optional.ofNullable(environment.get(CONFIG_PATH_VARIABLE)).map(Path::of)),
        environment);
  }

  /** Loads from {@code file} (if any) and the given environment. */
  public static TallyConfig load(Optional<Path> file, Map<String, String> environment) {
    ConfigLoader loader = new ConfigLoader();
    file.ifPresent(loader::readFile);
    loader.readEnvironment(environment);
    return loader.build();
  }

  /**
   * Every key's effective value, secrets masked, and where it came from ({@code default}, the
   * file's path, or {@code environment variable TALLY_...}): what {@code tally config show}
   * prints. Fails like {@link #load(Optional)} on a bad configuration.
   */
  public static List<ConfigValue> describe(Optional<Path> file) {
    Map<String, String> environment = System.getenv();
    return describe(
        file.or(() -> Optional.ofNullable(environment.get(CONFIG_PATH_VARIABLE)).map(Path::of)),
        environment);
  }

  /** {@link #describe(Optional)} with the given environment. */
  public static List<ConfigValue> describe(Optional<Path> file, Map<String, String> environment) {
    ConfigLoader loader = new ConfigLoader();
    file.ifPresent(loader::readFile);
    loader.readEnvironment(environment);
    loader.build();
    return loader.values.keySet().stream()
        .map(
            key -> {
              String value = loader.values.get(key);
              boolean masked = ConfigKeys.SECRETS.contains(key) && !value.isEmpty();
              return new ConfigValue(key, masked ? ConfigValue.MASK : value, loader.sources.get(key));
            })
        .toList();
  }

  /** One configuration key as shown to people; a secret's value is replaced by {@link #MASK}. */
  public record ConfigValue(String key, String value, String source) {
    /** What a set secret shows instead of its value. */
    public static final String MASK = "********";
  }

  private void readFile(Path file) {
    Object document;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
    if (document == null) {
      return;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException("config file " + file + " must be a mapping of keys to values");
    }
    flatten("", map, file.toString());
  }

  private void flatten(String prefix, Map<?, ?> map, String origin) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, origin);
      } else if (value instanceof List<?>) {
        throw new ConfigException("config key " + key + " in " + origin + ": lists are not supported");
      } else {
        if (!ConfigKeys.DEFAULTS.containsKey(key)) {
          throw new ConfigException(
              "unknown config key '" + key + "' in " + origin + "; known keys: "
                  + String.join(", ", ConfigKeys.DEFAULTS.keySet()));
        }
        values.put(key, value == null ? "" : String.valueOf(value));
        sources.put(key, origin);
      }
    }
  }

  private void readEnvironment(Map<String, String> environment) {
    for (String key : ConfigKeys.DEFAULTS.keySet()) {
      String variable = ConfigKeys.environmentVariable(key);
      String value = environment.get(variable);
      if (value != null) {
        values.put(key, value);
        sources.put(key, "environment variable " + variable);
      }
    }
  }

  private TallyConfig build() {
    return new TallyConfig(
        new DatabaseConfig(
            jdbcUrl(ConfigKeys.DATABASE_URL),
            text(ConfigKeys.DATABASE_USER),
            Secret.of(text(ConfigKeys.DATABASE_PASSWORD)),
            integer(ConfigKeys.DATABASE_POOL_SIZE, 1, 200),
            Duration.ofMillis(integer(ConfigKeys.DATABASE_CONNECTION_TIMEOUT_MILLIS, 250, 600_000)),
            choice(ConfigKeys.DATABASE_MIGRATION, MigrationMode.class)),
        new BillingConfig(zone(ConfigKeys.BILLING_BUSINESS_ZONE), currency(ConfigKeys.BILLING_DEFAULT_CURRENCY)),
        new MaintenanceConfig(
            Duration.ofSeconds(integer(ConfigKeys.MAINTENANCE_INTERVAL_SECONDS, 0, 86_400))),
        new ServerConfig(
            text(ConfigKeys.SERVER_HOST).strip(),
            integer(ConfigKeys.SERVER_PORT, 0, 65_535),
            integer(ConfigKeys.SERVER_MAX_BODY_BYTES, 1_024, 1_073_741_824),
            Duration.ofSeconds(integer(ConfigKeys.SERVER_IDLE_TIMEOUT_SECONDS, 1, 86_400)),
            integer(ConfigKeys.SERVER_MIN_REQUEST_DATA_RATE, 1, 1_073_741_824)),
        new SecurityConfig(
            adminKey(ConfigKeys.SECURITY_ADMIN_KEY),
            Secret.of(text(ConfigKeys.SECURITY_MASTER_KEY)),
            Duration.ofSeconds(integer(ConfigKeys.SECURITY_TIMESTAMP_WINDOW_SECONDS, 1, 86_400)),
            integer(ConfigKeys.SECURITY_AUTH_FAILURES_PER_MINUTE, 1, 1_000_000),
            flag(ConfigKeys.SECURITY_DEERER_ENABLED),
            flag(ConfigKeys.SECURITY_DEERER_QUERY_PARAMETER)),
        sync(),
        new CacheConfig(
            integer(ConfigKeys.CACHE_PRICING_MAX_SIZE, 0, 10_000_000),
            Duration.ofSeconds(integer(ConfigKeys.CACHE_PRICING_TTL_SECONDS, 0, 86_400)),
            integer(ConfigKeys.CACHE_CATALOG_MAX_SIZE, 0, 10_000_000),
            Duration.ofSeconds(integer(ConfigKeys.CACHE_CATALOG_TTL_SECONDS, 0, 86_400)),
            integer(ConfigKeys.CACHE_PRODUCTS_MAX_SIZE, 0, 10_000_000),
            Duration.ofSeconds(integer(ConfigKeys.CACHE_PRODUCTS_TTL_SECONDS, 0, 86_400)),
            integer(ConfigKeys.CACHE_KEYS_MAX_SIZE, 0, 10_000_000),
            Duration.ofSeconds(integer(ConfigKeys.CACHE_KEYS_TTL_SECONDS, 0, 86_400))),
        new MeteringConfig(
            flag(ConfigKeys.METERING_GROUP_COMMIT_ENABLED),
            integer(ConfigKeys.METERING_GROUP_COMMIT_MAX_ITEMS, 1, 100_000),
            Duration.ofNanos(
                1_000L * integer(ConfigKeys.METERING_GROUP_COMMIT_MAX_WAIT_MICROS, 0, 1_000_000)),
            integer(ConfigKeys.METERING_GROUP_COMMIT_LANES, 1, 64)));
  }

  private SyncConfig sync() {
    String baseUrl = text(ConfigKeys.SYNC_BASE_URL).strip();
    if (!baseUrl.isEmpty() && !baseUrl.matches("https?://[^\\s?#]+")) {
      throw bad(ConfigKeys.SYNC_BASE_URL, "must be an http:// or https:// URL without a query");
    }
    String signer = text(ConfigKeys.SYNC_SIGNER).strip();
    List<String> signers = List.of("none", "bearer", "deerer", "hmac-sha256", "jwt-hs256");
    if (!signers.contains(signer)) {
      throw bad(ConfigKeys.SYNC_SIGNER, "must be one of " + String.join(", ", signers));
    }
    switch (signer) {
      case "bearer" -> requireSet(ConfigKeys.SYNC_API_KEY, signer);
      case "deerer" -> {
        requireSet(ConfigKeys.SYNC_APP_ID, signer);
        requireSet(ConfigKeys.SYNC_APP_SECRET, signer);
        requireSet(ConfigKeys.SYNC_API_KEY, signer);
      }
      case "hmac-sha256" -> {
        requireSet(ConfigKeys.SYNC_APP_ID, signer);
        requireSet(ConfigKeys.SYNC_APP_SECRET, signer);
      }
      case "jwt-hs256" -> requireSet(ConfigKeys.SYNC_JWT_SECRET, signer);
      default -> {}
    }
    Map<SyncEntity, SyncConfig.EntitySync> entities = new java.util.EnumMap<>(SyncEntity.class);
    for (SyncEntity entity : SyncEntity.values()) {
      String path = text(ConfigKeys.syncPath(entity)).strip();
      if (!path.startsWith("/")) {
        throw bad(ConfigKeys.syncPath(entity), "must be a path starting with /");
      }
      entities.put(
          entity,
          new SyncConfig.EntitySync(
              path, Duration.ofSeconds(integer(ConfigKeys.syncInterval(entity), 0, 604_800))));
    }
    return new SyncConfig(
        baseUrl.isEmpty() ? Optional.empty() : Optional.of(baseUrl),
        signer,
        Secret.of(text(ConfigKeys.SYNC_API_KEY)),
        text(ConfigKeys.SYNC_APP_ID).strip(),
        Secret.of(text(ConfigKeys.SYNC_APP_SECRET)),
        text(ConfigKeys.SYNC_JWT_ISSUER).strip(),
        Secret.of(text(ConfigKeys.SYNC_JWT_SECRET)),
        Duration.ofSeconds(integer(ConfigKeys.SYNC_JWT_TTL_SECONDS, 1, 86_400)),
        integer(ConfigKeys.SYNC_PAGE_SIZE, 1, 1000),
        Duration.ofSeconds(integer(ConfigKeys.SYNC_TIMEOUT_SECONDS, 1, 3600)),
        Duration.ofSeconds(integer(ConfigKeys.SYNC_PAGE_TIMEOUT_SECONDS, 1, 3600)),
        integer(ConfigKeys.SYNC_MAX_PAGE_BYTES, 1024, 1_073_741_824),
        integer(ConfigKeys.SYNC_MAX_ATTEMPTS, 1, 100),
        integer(ConfigKeys.SYNC_STALE_AFTER_INTERVALS, 1, 1000),
        entities);
  }

  private void requireSet(String key, String signer) {
    if (text(key).isBlank()) {
      throw new ConfigException(
          "config key " + key + " is required by sync.signer " + signer + " (from "
              + sources.get(ConfigKeys.SYNC_SIGNER) + ")");
    }
  }

  private Secret adminKey(String key) {
    String value = text(key);
    if (!value.isEmpty() && value.length() < 16) {
      throw bad(key, "must be at least 16 characters (or empty for none)");
    }
    return Secret.of(value);
  }

  private String text(String key) {
    return values.get(key);
  }

  private String jdbcUrl(String key) {
    String url = text(key).strip();
    if (!url.startsWith("jdbc:h2:")
        && !url.startsWith("jdbc:postgresql:")
        && !url.startsWith("jdbc:mariadb:")
        && !url.startsWith("jdbc:mysql:")
        && !(url.startsWith(DatabaseConfig.EMBEDDED_SCHEME)
            && url.length() > DatabaseConfig.EMBEDDED_SCHEME.length())) {
      throw bad(
          key,
          "must be " + DatabaseConfig.EMBEDDED_SCHEME + "<directory> or a JDBC URL of PostgreSQL,"
              + " MariaDB/MySQL or H2 (jdbc:postgresql:, jdbc:mariadb:, jdbc:h2:)");
    }
    return url;
  }

  private int integer(String key, int min, int max) {
    try {
      int value = Integer.parseInt(text(key).strip());
      if (value < min || value > max) {
        throw bad(key, "must be a whole number from " + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(key, "must be a whole number from " + min + " to " + max);
    }
  }

  private boolean flag(String key) {
    return switch (text(key).strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, "must be true or false");
    };
  }

  private <E extends Enum<E>> E choice(String key, Class<E> type) {
    String value = text(key).strip().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    List<String> allowed =
        java.util.Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .toList();
    throw bad(key, "must be one of " + String.join(", ", allowed));
  }

  private ZoneId zone(String key) {
    try {
      return ZoneId.of(text(key).strip());
    } catch (DateTimeException e) {
      throw bad(key, "must be a time zone such as Asia/Shanghai or UTC");
    }
  }

  private Currency currency(String key) {
    try {
      return Currency.of(text(key).strip());
    } catch (IllegalArgumentException e) {
      throw bad(key, "must be a currency code of 3 to 8 capital letters, such as CNY");
    }
  }

  private ConfigException bad(String key, String rule) {
    String shown = ConfigKeys.SECRETS.contains(key) ? "(secret)" : "'" + values.get(key) + "'";
    return new ConfigException(
        "config key " + key + " " + rule + ", got " + shown + " (from " + sources.get(key) + ")");
  }
}
