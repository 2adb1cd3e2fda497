package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Tally keeps its data ({@code database.*}). The URL picks the database: the embedded
 * PostgreSQL ({@code embedded-postgresql:<directory>}, the default, under {@code ./data/}), a
 * PostgreSQL server ({@code jdbc:postgresql://...}), MariaDB/MySQL ({@code jdbc:mariadb://...})
 * or H2 ({@code jdbc:h2:...}, for tests and demos: not crash-safe). {@code connectionTimeout} is the
 * longest a request waits for a pooled connection: while the database is down, every request
 * fails after it (the API answers 503), instead of hanging.
 */
public record DatabaseConfig(
    String url,
    String user,
    Secret password,
    int poolSize,
    Duration connectionTimeout,
    MigrationMode migration) {

  /** The scheme of the embedded database's URL, followed by its data directory. */
  public static final String EMBEDDED_SCHEME = "embedded-postgresql:";

  /**
   * The default database: an embedded PostgreSQL whose data lives in {@code ./data/tally}, started
   * and stopped by Tally. An acknowledged use survives {@code kill -9} (docs/persistence.md,
   * "Durability", and the crash test).
   */
  public static final String DEFAULT_URL = EMBEDDED_SCHEME + "./data/tally";

  public DatabaseConfig {
    checkNotNull(url, "url");
    checkArgument(
        url.startsWith("jdbc:") || url.startsWith(EMBEDDED_SCHEME),
        "database url must start with jdbc: or " + EMBEDDED_SCHEME);
    checkNotNull(user, "user");
    checkNotNull(password, "password");
    checkArgument(poolSize >= 1, "pool size is positive");
    checkNotNull(connectionTimeout, "connectionTimeout");
    // HikariCP refuses less than 250 ms
    checkArgument(
        connectionTimeout.toMillis() >= 250, "connection timeout is at least 250 ms: %s", connectionTimeout);
    checkNotNull(migration, "migration");
  }

  /** The same database, its schema migrated or only validated at start as {@code mode} says. */
  public DatabaseConfig withMigration(MigrationMode mode) {
    return new DatabaseConfig(url, user, password, poolSize, connectionTimeout, mode);
  }

  /** The data directory of the embedded database, when the URL names one. */
  public Optional<Path> embeddedDirectory() {
    return url.startsWith(EMBEDDED_SCHEME)
        ? Optional.of(Path.of(url.substring(EMBEDDED_SCHEME.length())))
        : Optional.empty();
  }

  /**
   * The URL without its query or parameters ({@code ?...}, {@code ;...}), which may carry a
   * password: what messages and logs show.
   */
  public String safeUrl() {
    int cut = url.length();
    for (char separator : new char[] {'?', ';'}) {
      int at = url.indexOf(separator);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return url.substring(0, cut);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + safeUrl()
        + ", user="
        + user
        + ", password="
        + password
        + ", poolSize="
        + poolSize
        + ", connectionTimeout="
        + connectionTimeout
        + ", migration="
        + migration
        + "]";
  }
}
