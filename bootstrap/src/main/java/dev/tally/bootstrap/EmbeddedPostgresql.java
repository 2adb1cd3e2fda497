package dev.tally.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded default database: a PostgreSQL server that Tally starts on a data directory of its
 * own and stops when it closes. Its binaries come as Maven artifacts (nothing to install); it
 * listens on a free port of 127.0.0.1 only. Commits are durable as on any PostgreSQL: each one is
 * in the write-ahead log, fsynced, before it returns ({@code fsync} and {@code synchronous_commit}
 * on). A server left running by a Tally that was killed ({@code kill -9} ends the JVM, not its
 * child) is killed in turn when Tally starts again on the same directory; PostgreSQL then
 * recovers from its log as after any crash. A running Tally holds an exclusive lock on {@code
 * <directory>.lock} (released by the operating system when the process dies, even by {@code kill
 * -9}): a second Tally on the same directory is refused ({@link EmbeddedDatabaseInUseException})
 * instead of taking the server from under the first. {@link Tally#open} starts it when {@code database.url}
 * is {@code embedded-postgresql:<directory>}; start it yourself to reach its database directly.
 * Thread-safe.
 */
public final class EmbeddedPostgresql implements AutoCloseable {
  /** The server's one user; it trusts connections from 127.0.0.1. */
  public static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  private static final Duration STARTUP = Duration.ofMinutes(2);

  private final EmbeddedPostgres server;
  private final FileChannel lockFile;

  private EmbeddedPostgresql(EmbeddedPostgres server, FileChannel lockFile) {
    this.server = server;
    this.lockFile = lockFile;
  }

  /** Starts (creating it on first use) the server on {@code directory}. */
  public static EmbeddedPostgresql start(Path directory) {
    Path data = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(data.getParent());
      FileChannel lock = lock(data);
      try {
        stopLeftOverServer(data);
        return new EmbeddedPostgresql(server(data), lock);
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
    } catch (IOException e) {
      throw new ConfigException(
          "cannot start the embedded PostgreSQL on " + data + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes the directory's lock and writes this process's id into it, or reports who holds it. The
   * lock, not the pid, decides: a pid left in the file by a dead process means nothing.
   */
  private static FileChannel lock(Path data) throws IOException {
    Path path = data.resolveSibling(data.getFileName() + ".lock");
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      OptionalLong holder = holderPid(channel);
      channel.close();
      throw new EmbeddedDatabaseInUseException(data, holder);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    return channel;
  }

  private static OptionalLong holderPid(FileChannel channel) throws IOException {
    ByteBuffer content = ByteBuffer.allocate(32);
    channel.read(content, 0);
    String text = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip();
    return text.matches("\\d{1,19}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
  }

  private static EmbeddedPostgres server(Path data) throws IOException {
    Path log = data.resolveSibling(data.getFileName() + ".log");
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPGStartupWait(STARTUP)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "100")
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
  }

  /** The JDBC URL of the server's database. */
  public String jdbcUrl() {
    return server.getJdbcUrl(USER, DATABASE);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    } finally {
      // released only once the server is down, so that no second Tally starts on it meanwhile
      try {
        lockFile.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release the embedded database's lock", e);
      }
    }
  }

  /**
   * Kills the server a killed Tally left behind on {@code data}, named by the first line of its
   * {@code postmaster.pid}, if that process is alive and is a PostgreSQL on this directory.
   */
  private static void stopLeftOverServer(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> leftOver =
        lines.isEmpty() || !lines.get(0).strip().matches("\\d+")
            ? Optional.empty()
            : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
    Optional<ProcessHandle> server =
        leftOver.filter(
            process ->
                process.info().command().map(command -> command.endsWith("postgres")).orElse(false)
                    && process.info().commandLine().map(line -> line.contains(data.toString())).orElse(false));
    if (server.isPresent()) {
      List<ProcessHandle> backends = server.get().descendants().toList();
      server.get().destroyForcibly();
      backends.forEach(ProcessHandle::destroyForcibly);
      try {
        server.get().onExit().get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        for (ProcessHandle backend : backends) {
          backend.onExit().get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping a left-over PostgreSQL", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("a left-over PostgreSQL (pid " + server.get().pid() + ") does not stop", e);
      }
    }
  }
}
