package dev.tally.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL of one test (zonky's binaries, so it runs anywhere) that the test stops and starts
 * again on the same port and data directory, as an operator restarts a database under a running
 * Tally: {@link #stopFast()} is {@code pg_ctl stop -m fast}; {@link #kill()} is {@code kill -9} of
 * the postmaster and its backends, after which PostgreSQL recovers from its write-ahead log. Never
 * the machine's own servers, which other tests use. Not thread-safe: one test drives it.
 */
final class RestartablePostgresql implements AutoCloseable {
  private final Path data;
  private final Path log;
  private final int port;
  private EmbeddedPostgres server;

  private RestartablePostgresql(Path data, Path log, int port) {
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /** Creates a database cluster in {@code dir} and starts it on a free port. */
  static RestartablePostgresql startIn(Path dir) {
    RestartablePostgresql postgresql =
        new RestartablePostgresql(dir.resolve("pgdata"), dir.resolve("postgresql.log"), freePort());
    postgresql.start();
    return postgresql;
  }

  /** Creates the database {@code name} (letters, digits, underscores); returns its JDBC URL. */
  String createDatabase(String name) {
    try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return jdbcUrl(name);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  String user() {
    return "postgres";
  }

  /** Starts the server again on the same port and data; returns once it accepts connections. */
  void start() {
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofMinutes(1))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL on port " + port, e);
    }
  }

  /** A clean shutdown: sessions are ended, transactions in flight roll back. */
  void stopFast() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL of the postmaster and of every backend, as a crash of the database's machine. */
  void kill() {
    ProcessHandle postmaster = server.getProcess().toHandle();
    List<ProcessHandle> backends = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    backends.forEach(ProcessHandle::destroyForcibly);
    awaitExit(postmaster);
    backends.forEach(RestartablePostgresql::awaitExit);
    try {
      // releases zonky's lock on the data directory; its pg_ctl stop finds nothing to stop
      server.close();
    } catch (IOException | RuntimeException nothingLeftToStop) {
      // the server is dead already, which is what was wanted
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("process " + process.pid() + " does not end", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
