package dev.tally.cli.torture;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.util.List;

/**
 * What one torture run does: the database its servers use (server {@code i} on URL {@code i mod n},
 * so that servers can sit on different nodes of a cluster), how many servers and client threads,
 * how many HTTP requests the clients send (they stop sending earlier at {@code stopAt}, so that a
 * long run ends by a deadline), with group commit on or off, and the seed of the clients' random
 * choices.
 */
record TortureSettings(
    Database database,
    int servers,
    int poolSize,
    int threads,
    long operations,
    int customers,
    GroupCommit groupCommit,
    long seed,
    Instant stopAt) {

  /**
   * Group commit on every server, off on every server, or on for the even servers and off for the
   * odd ones ({@code mixed}: both ways of writing a use race on the same rows).
   */
  enum GroupCommit {
    ON,
    OFF,
    MIXED;

    boolean enabledOn(int server) {
      return this == ON || (this == MIXED && server % 2 == 0);
    }
  }

  /** The JDBC URLs of one database (one per node of a cluster), and its user and password. */
  record Database(List<String> urls, String user, String password) {
    Database {
      urls = List.copyOf(urls);
      checkArgument(!urls.isEmpty(), "no database URL");
    }
  }

  TortureSettings {
    checkArgument(servers >= 1, "servers must be at least 1: %s", servers);
    checkArgument(poolSize >= 1, "pool size must be at least 1: %s", poolSize);
    checkArgument(threads >= 1, "threads must be at least 1: %s", threads);
    checkArgument(operations >= 1, "operations must be at least 1: %s", operations);
    checkArgument(customers >= 1, "customers must be at least 1: %s", customers);
  }

  /** The JDBC URL server {@code index} connects to. */
  String databaseUrlOf(int index) {
    return database.urls().get(index % database.urls().size());
  }
}
