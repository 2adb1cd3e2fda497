package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Secret;

/**
 * Where Tally keeps its data ({@code database.*}). The JDBC URL picks the database: H2 ({@code
 * jdbc:h2:...}, the default, a file under {@code ./data/}), PostgreSQL ({@code
 * jdbc:postgresql://...}) or MariaDB/MySQL ({@code jdbc:mariadb://...}).
 */
public record DatabaseConfig(
    String url, String user, Secret password, int poolSize, MigrationMode migration) {

  /**
   * The default database: an H2 file under {@code ./data/}. {@code WRITE_DELAY=0} makes H2 write
   * every commit to its file before acknowledging it, so an acknowledged use survives the process
   * being killed (H2 otherwise delays writing commits by up to half a second).
   */
  public static final String DEFAULT_URL =
      "jdbc:h2:file:./data/tally;WRITE_DELAY=0;LOCK_TIMEOUT=10000";

  public DatabaseConfig {
    checkNotNull(url, "url");
    checkArgument(url.startsWith("jdbc:"), "database url must start with jdbc:");
    checkNotNull(user, "user");
    checkNotNull(password, "password");
    checkArgument(poolSize >= 1, "pool size is positive");
    checkNotNull(migration, "migration");
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
        + ", migration="
        + migration
        + "]";
  }
}
