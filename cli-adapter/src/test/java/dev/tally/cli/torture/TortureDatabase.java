package dev.tally.cli.torture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a run uses when it is named rather than given by URL: a fresh, empty database on the
 * machine's PostgreSQL or MariaDB (127.0.0.1), named {@code tally_torture} (the script's) or {@code
 * tally_torture_ci} (the test's) plus the checkout's test suffix ({@code
 * TALLY_TEST_DATABASE_SUFFIX}), dropped and created again for each run.
 */
final class TortureDatabase {
  private TortureDatabase() {}

  /** A fresh database {@code name} on the named server; {@code postgresql} or {@code mariadb}. */
  static TortureSettings.Database fresh(String server, String baseName) throws SQLException {
    String name =
        baseName
            + Optional.ofNullable(System.getenv("TALLY_TEST_DATABASE_SUFFIX"))
                .filter(suffix -> suffix.matches("[a-z0-9_]{1,20}"))
                .map(suffix -> "_" + suffix)
                .orElse("");
    switch (server) {
      case "postgresql" -> {
        recreate(
            "jdbc:postgresql://127.0.0.1:5432/postgres",
            "postgres",
            List.of(
                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name));
        return new TortureSettings.Database(
            List.of("jdbc:postgresql://127.0.0.1:5432/" + name), "postgres", "");
      }
      case "mariadb" -> {
        recreate(
            "jdbc:mariadb://127.0.0.1:3306/",
            "root",
            List.of(
                "DROP DATABASE IF EXISTS " + name,
                "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
        return new TortureSettings.Database(
            List.of("jdbc:mariadb://127.0.0.1:3306/" + name), "root", "");
      }
      default ->
          throw new IllegalArgumentException(
              "unknown database server '" + server + "': postgresql or mariadb");
    }
  }

  /**
   * A fresh database for a test: the test is skipped with a message when the server is unreachable,
   * and fails when {@code TALLY_TEST_DATABASES} names it (as CI does).
   */
  static TortureSettings.Database freshForTest(String server) {
    try {
      return fresh(server, "tally_torture_ci");
    } catch (SQLException e) {
      String required = Optional.ofNullable(System.getenv("TALLY_TEST_DATABASES")).orElse("");
      String message = server + " is not reachable on 127.0.0.1 (" + e.getMessage() + ")";
      if (required.toLowerCase(Locale.ROOT).contains(server)) {
        throw new AssertionError(message + ", and TALLY_TEST_DATABASES requires it", e);
      }
      Assumptions.abort(message + "; set TALLY_TEST_DATABASES=" + server + " to require it");
      throw new AssertionError("unreachable");
    }
  }

  private static void recreate(String adminUrl, String user, List<String> statements)
      throws SQLException {
    DriverManager.setLoginTimeout(5);
    try (Connection admin = DriverManager.getConnection(adminUrl, user, "");
        Statement statement = admin.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
