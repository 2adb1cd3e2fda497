package dev.tally.persistence.jdbi.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB Galera cluster the Galera tests run on, named by {@value #VARIABLE} (for example
 * {@code 127.0.0.1:3307,127.0.0.1:3308,127.0.0.1:3309}, as {@code scripts/galera-cluster.sh start}
 * prints): one JDBC URL per node, all on the database {@link TestDatabase.Names#DATABASE}, user
 * root without a password. Without the variable the calling test is skipped with a message saying
 * how to run it; with it, an unreachable node fails the test. The nodes must run on this machine
 * for {@link #kill} (it reads each node's pid file). Not thread-safe.
 */
final class GaleraCluster {
  static final String VARIABLE = "TALLY_TEST_GALERA";
  private static final String SCRIPT = "scripts/galera-cluster.sh";

  private final List<String> nodes;

  private GaleraCluster(List<String> nodes) {
    this.nodes = nodes;
  }

  /** The cluster of {@value #VARIABLE}, with its database created; skips the test without it. */
  static GaleraCluster fromEnvironment() {
    String value = Optional.ofNullable(System.getenv(VARIABLE)).orElse("").strip();
    Assumptions.assumeFalse(
        value.isEmpty(),
        "no Galera cluster: start one with `"
            + SCRIPT
            + " start` and set "
            + VARIABLE
            + "=127.0.0.1:3307,127.0.0.1:3308,127.0.0.1:3309 to run the Galera tests");
    List<String> nodes = Arrays.stream(value.split(",")).map(String::strip).toList();
    assertThat(nodes).as("nodes in " + VARIABLE).hasSizeGreaterThanOrEqualTo(2);
    GaleraCluster cluster = new GaleraCluster(nodes);
    cluster.createDatabase();
    assertThat(cluster.clusterSize(0))
        .as("members of the Galera cluster; `%s start` restarts the missing ones", SCRIPT)
        .isEqualTo(nodes.size());
    return cluster;
  }

  int size() {
    return nodes.size();
  }

  /**
   * A pool of {@code size} connections on node {@code node} (0-based) only, with causal reads
   * ({@code wsrep_sync_wait=1}): each read waits until the node has applied every transaction the
   * cluster committed before it. A node applies the other nodes' commits a moment after they are
   * acknowledged; without this, a retry of a use just charged through another node could be judged
   * on the state before it (and refused for want of money instead of replayed). Close it after.
   */
  HikariDataSource pool(int node, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(node) + "?sessionVariables=wsrep_sync_wait=1");
    config.setUsername("root");
    config.setPassword("");
    config.setMaximumPoolSize(size);
    // a dead node is given up on quickly: its instance is the one that stops serving
    config.setConnectionTimeout(3_000);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setPoolName("galera-node-" + (node + 1));
    return new HikariDataSource(config);
  }

  /** Drops every table through node 1 and migrates the schema afresh: Flyway on Galera. */
  void freshSchema() {
    try (HikariDataSource pool = pool(0, 2)) {
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
        for (String table : tables) {
          statement.execute("DROP TABLE `" + table + "`");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot empty the Galera test database", e);
      }
      JdbiStorage.create(pool).migrate();
    }
  }

  /** Empties Tally's data tables (through node 1), as between two scenarios. */
  void emptyTables() {
    try (HikariDataSource pool = pool(0, 1);
        Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND"
                  + " table_name NOT IN ('flyway_schema_history', 'appcodes', 'appcodes_kv')")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        statement.executeUpdate("DELETE FROM `" + table + "`");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the Galera test database", e);
    }
  }

  /** How many members node {@code node} sees in its primary component. */
  int clusterSize(int node) {
    try (Connection connection = DriverManager.getConnection(url(node), "root", "");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'")) {
      row.next();
      return Integer.parseInt(row.getString(2));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ask node " + (node + 1) + " for the cluster size", e);
    }
  }

  /** Kills node {@code node}'s mariadbd with SIGKILL, as {@code kill -9} does. */
  void kill(int node) {
    long pid = pid(node);
    ProcessHandle process =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    assertThat(process.destroyForcibly()).as("SIGKILL sent to node %d", node + 1).isTrue();
    process.onExit().join();
  }

  /**
   * Restarts the nodes that are down with {@code scripts/galera-cluster.sh start}, which waits
   * until they have caught up with what they missed.
   */
  void restartStoppedNodes() {
    Path script = projectRoot().resolve(SCRIPT);
    try {
      Process start =
          new ProcessBuilder(script.toString(), "start").redirectErrorStream(true).start();
      String output = new String(start.getInputStream().readAllBytes());
      assertThat(start.waitFor(5, TimeUnit.MINUTES)).as("%s start finished", SCRIPT).isTrue();
      assertThat(start.exitValue()).as("%s start: %s", SCRIPT, output).isZero();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while restarting the Galera nodes", e);
    }
  }

  /** Waits until node {@code node} sees {@code members} members; false if it did not in time. */
  boolean awaitClusterSize(int node, int members, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (clusterSize(node) == members) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return false;
  }

  private long pid(int node) {
    try (Connection connection = DriverManager.getConnection(url(node), "root", "");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@pid_file")) {
      row.next();
      return Long.parseLong(Files.readString(Path.of(row.getString(1))).strip());
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot find the pid of node " + (node + 1), e);
    }
  }

  private void createDatabase() {
    DriverManager.setLoginTimeout(3);
    try (Connection admin =
            DriverManager.getConnection("jdbc:mariadb://" + nodes.get(0) + "/", "root", "");
        Statement statement = admin.createStatement()) {
      statement.executeUpdate(
          "CREATE DATABASE IF NOT EXISTS "
              + TestDatabase.Names.DATABASE
              + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new AssertionError(
          "the Galera cluster of " + VARIABLE + " is not reachable at " + nodes.get(0), e);
    }
  }

  private String url(int node) {
    return "jdbc:mariadb://" + nodes.get(node) + "/" + TestDatabase.Names.DATABASE;
  }

  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + SCRIPT + " above " + Path.of("").toAbsolutePath());
  }
}
