package dev.tally.persistence.jdbi.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An empty database of its own on one of the test servers, dropped and created anew, so that
 * migrations can start from nothing without touching {@code tally_test}: an H2 in-memory database
 * with a random name, or the database {@value #NAME} on PostgreSQL or MariaDB. Closing it closes
 * its pool and drops it.
 */
final class ScratchDatabase implements AutoCloseable {
  static final String NAME = TestDatabase.Names.SCRATCH;

  private final TestDatabase server;
  private final HikariDataSource pool;

  private ScratchDatabase(TestDatabase server, HikariDataSource pool) {
    this.server = server;
    this.pool = pool;
  }

  /**
   * Drops and creates the scratch database on {@code server}; skips (or fails) when unreachable.
   */
  static ScratchDatabase create(TestDatabase server) {
    server.dataSource(); // skips the test, or fails it when required, if the server is unreachable
    String url =
        switch (server) {
          case H2 -> "jdbc:h2:mem:" + NAME + "_" + UUID.randomUUID().toString().replace("-", "");
          case POSTGRESQL -> {
            admin(
                server,
                "DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)",
                "CREATE DATABASE " + NAME);
            yield databaseUrl(server, NAME);
          }
          case MARIADB -> {
            admin(
                server,
                "DROP DATABASE IF EXISTS " + NAME,
                "CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            yield databaseUrl(server, NAME);
          }
        };
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(2);
    config.setPoolName("tally-scratch-" + server.name().toLowerCase(Locale.ROOT));
    return new ScratchDatabase(server, new HikariDataSource(config));
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close(); // the last connection to a private H2 in-memory database drops it
    switch (server) {
      case H2 -> {}
      case POSTGRESQL -> admin(server, "DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
      case MARIADB -> admin(server, "DROP DATABASE IF EXISTS " + NAME);
    }
  }

  /** The server's URL with the test database's name replaced by {@code database}. */
  private static String databaseUrl(TestDatabase server, String database) {
    return server.url().replace("/" + TestDatabase.Names.DATABASE, "/" + database);
  }

  /** Runs statements outside any Tally database: on {@code postgres}, or on no database. */
  private static void admin(TestDatabase server, String... statements) {
    String url =
        server == TestDatabase.POSTGRESQL
            ? databaseUrl(server, "postgres")
            : databaseUrl(server, "");
    try (Connection connection =
            DriverManager.getConnection(url, server.user(), server.password());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.executeUpdate(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the scratch database on " + server, e);
    }
  }
}
