package dev.tally.persistence.jdbi.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.persistence.jdbi.JdbiStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the adapter tests run on. H2 (in memory) is always there. PostgreSQL and MariaDB
 * are the machine's servers on 127.0.0.1 (database {@code tally_test}, created when missing): when
 * one is unreachable its tests are skipped with a message, unless the environment variable {@value
 * #REQUIRED_VARIABLE} names it (as CI does), and then they fail.
 */
public enum TestDatabase {
  H2("jdbc:h2:mem:" + Names.DATABASE + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""),
  POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/" + Names.DATABASE, "postgres", ""),
  MARIADB("jdbc:mariadb://127.0.0.1:3306/" + Names.DATABASE, "root", "");

  /** Names the databases that must be reachable, e.g. {@code postgresql,mariadb}. */
  public static final String REQUIRED_VARIABLE = "TALLY_TEST_DATABASES";

  /**
   * Appended to the test databases' names ({@code tally_test}, {@code tally_migration}), so that
   * two checkouts can run their tests on one server at the same time without emptying each
   * other's tables; unset in CI.
   */
  public static final String SUFFIX_VARIABLE = "TALLY_TEST_DATABASE_SUFFIX";

  /** The database names, fixed before the constants above are built. */
  public static final class Names {
    private static final String SUFFIX =
        Optional.ofNullable(System.getenv(SUFFIX_VARIABLE))
            .filter(suffix -> suffix.matches("[a-z0-9_]{1,20}"))
            .map(suffix -> "_" + suffix)
            .orElse("");
    /** The shared test database. */
    public static final String DATABASE = "tally_test" + SUFFIX;
    /** The scratch database migrations start from. */
    public static final String SCRATCH = "tally_migration" + SUFFIX;

    private Names() {}
  }

  /** Every table Tally writes, emptied before each test; code tables and Flyway's stay. */
  private static final List<String> DATA_TABLES =
      List.of(
          "customer_balance", "product_usage_log", "product", "supplier", "product_resource",
          "product_resource_supplier", "product_subscription", "balance_hold",
          "accounting_records", "ledger_head", "pricing_cache", "users_cache", "llmage_cache",
          "uapi_cache", "sync_state", "api_app", "api_key", "customer_discount",
          "api_used_credential");

  private static final Map<TestDatabase, HikariDataSource> POOLS = new EnumMap<>(TestDatabase.class);

  private final String url;
  private final String user;
  private final String password;

  TestDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** True when CI asks for this database to be tested (H2 is always required). */
  public boolean isRequired() {
    if (this == H2) {
      return true;
    }
    String required = Optional.ofNullable(System.getenv(REQUIRED_VARIABLE)).orElse("");
    Set<String> names =
        Arrays.stream(required.split(","))
            .map(name -> name.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return names.contains(name().toLowerCase(Locale.ROOT));
  }

  /**
   * A shared pool on this database, whose schema is dropped and migrated afresh on first use in
   * this JVM (the servers outlive test runs, and an earlier run may have left another schema);
   * skips the calling test (or fails it, when required) if the database is unreachable.
   */
  public synchronized DataSource dataSource() {
    HikariDataSource pool = POOLS.get(this);
    if (pool == null) {
      requireReachable();
      pool = newPool(40);
      try {
        dropEverything(pool);
        JdbiStorage.create(pool).migrate();
      } catch (RuntimeException | SQLException e) {
        pool.close();
        throw new IllegalStateException("cannot prepare the " + this + " test database", e);
      }
      POOLS.put(this, pool);
    }
    return pool;
  }

  private void dropEverything(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      switch (this) {
        case H2 -> statement.execute("DROP ALL OBJECTS");
        case POSTGRESQL -> {
          statement.execute("DROP SCHEMA public CASCADE");
          statement.execute("CREATE SCHEMA public");
        }
        case MARIADB -> {
          List<String> tables = new java.util.ArrayList<>();
          try (var rows = statement.executeQuery("SHOW TABLES")) {
            while (rows.next()) {
              tables.add(rows.getString(1));
            }
          }
          for (String table : tables) {
            statement.execute("DROP TABLE `" + table + "`");
          }
        }
      }
    }
  }

  /** A new pool of its own (a second "server process" on the same database); close it after. */
  public HikariDataSource separatePool(int size) {
    dataSource();
    return newPool(size);
  }

  /** Storage on this database with every data table emptied. */
  public JdbiStorage emptyStorage() {
    DataSource dataSource = dataSource();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : DATA_TABLES) {
        statement.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the " + this + " test database", e);
    }
    return JdbiStorage.create(dataSource);
  }

  private HikariDataSource newPool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setPoolName("tally-test-" + name().toLowerCase(Locale.ROOT));
    return new HikariDataSource(config);
  }

  private void requireReachable() {
    Optional<String> problem = createDatabaseIfMissing();
    if (problem.isEmpty()) {
      return;
    }
    String message =
        this
            + " is not reachable ("
            + problem.get()
            + "); its tests need a server at "
            + url
            + ". Set "
            + REQUIRED_VARIABLE
            + "=postgresql,mariadb to make them required, as .ci/run does.";
    if (isRequired()) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  /** Creates the test database on the server when missing; empty when ready, else the problem. */
  private Optional<String> createDatabaseIfMissing() {
    DriverManager.setLoginTimeout(3);
    try {
      switch (this) {
        case H2 -> {
          return Optional.empty();
        }
        case POSTGRESQL -> {
          try (Connection admin =
                  DriverManager.getConnection(
                      "jdbc:postgresql://127.0.0.1:5432/postgres", user, password);
              Statement statement = admin.createStatement()) {
            boolean exists =
                statement
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + Names.DATABASE + "'")
                    .next();
            if (!exists) {
              statement.executeUpdate("CREATE DATABASE " + Names.DATABASE);
            }
          }
        }
        case MARIADB -> {
          try (Connection admin =
                  DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", user, password);
              Statement statement = admin.createStatement()) {
            statement.executeUpdate(
                "CREATE DATABASE IF NOT EXISTS " + Names.DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
          }
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }
}
