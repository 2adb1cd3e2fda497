package dev.tally.cli.torture;

import dev.tally.cli.TallyCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code tally serve} processes of a run, each a JVM of its own started as a user starts it
 * (configuration from {@code TALLY_*} variables, any free port), stopped with SIGTERM. Their output
 * goes to files in the run's folder, which a failed run names.
 */
final class TortureServers implements AutoCloseable {
  /** The admin key every server accepts (configured, so all servers share it). */
  static final String ADMIN_KEY = "torture-admin-key-0123456789";

  private static final Pattern SERVING = Pattern.compile("tally serving on (http://\\S+)");
  private static final long START_TIMEOUT_SECONDS = 180;

  private final List<Process> processes = new ArrayList<>();
  private final List<String> bases = new ArrayList<>();

  private TortureServers() {}

  /**
   * Starts the servers at the same time (as a cluster restarts: one of them migrates the schema
   * under Flyway's lock, the others wait for it) and returns once each of them serves.
   */
  static TortureServers start(TortureSettings settings, Path folder) {
    TortureServers servers = new TortureServers();
    try {
      Files.createDirectories(folder);
      for (int index = 0; index < settings.servers(); index++) {
        servers.processes.add(launch(settings, index, folder));
      }
      for (int index = 0; index < settings.servers(); index++) {
        servers.bases.add(
            awaitServing(servers.processes.get(index), out(folder, index), err(folder, index)));
      }
      return servers;
    } catch (IOException | RuntimeException e) {
      servers.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static Path out(Path folder, int index) {
    return folder.resolve("server-" + index + ".out");
  }

  private static Path err(Path folder, int index) {
    return folder.resolve("server-" + index + ".err");
  }

  private static Process launch(TortureSettings settings, int index, Path folder)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                TallyCli.class.getName(),
                "serve")
            .redirectOutput(out(folder, index).toFile())
            .redirectError(err(folder, index).toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("TALLY_"));
    environment.put("TALLY_DATABASE_URL", settings.databaseUrlOf(index));
    environment.put("TALLY_DATABASE_USER", settings.database().user());
    environment.put("TALLY_DATABASE_PASSWORD", settings.database().password());
    environment.put("TALLY_DATABASE_POOL_SIZE", Integer.toString(settings.poolSize()));
    environment.put("TALLY_SERVER_PORT", "0");
    environment.put("TALLY_SECURITY_ADMIN_KEY", ADMIN_KEY);
    environment.put(
        "TALLY_METERING_GROUP_COMMIT_ENABLED",
        Boolean.toString(settings.groupCommit().enabledOn(index)));
    // expired holds are released within a second, while the run goes on
    environment.put("TALLY_MAINTENANCE_INTERVAL_SECONDS", "1");
    return builder.start();
  }

  private static String awaitServing(Process process, Path out, Path err) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      Matcher serving = SERVING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (serving.find()) {
        return serving.group(1);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "tally serve exited with " + process.exitValue() + " before serving; see " + err);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for tally serve", e);
      }
    }
    throw new IllegalStateException(
        "tally serve did not serve within " + START_TIMEOUT_SECONDS + " s; see " + err);
  }

  /** The base URL of each server ({@code http://127.0.0.1:port}). */
  List<String> bases() {
    return List.copyOf(bases);
  }

  /** Stops every server with SIGTERM, and with SIGKILL the ones that do not stop in time. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
