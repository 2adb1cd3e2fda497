package dev.tally.bootstrap.crash;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.DatabaseConfig;
import dev.tally.bootstrap.EmbeddedPostgresql;
import dev.tally.bootstrap.Tally;
import dev.tally.core.model.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs crash cycles against one database: starts a {@link CrashChild} JVM, lets its writers run
 * for a random time, kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux), then
 * reopens the database as a restarted server would and audits it against everything acknowledged
 * so far, with the machine's processors kept busy throughout.
 */
final class CrashRun {
  /** Where a crash run writes, and how to reach it. */
  record Target(String name, String url, String user, String password) {}

  /** The outcome of a run; {@code lost} and {@code torn} as found after the last cycle. */
  record Figures(
      Target target,
      int cycles,
      int acknowledged,
      int found,
      List<String> lost,
      List<String> torn,
      List<Violation> violations,
      List<String> errors,
      List<String> inconsistentReplays,
      int cyclesWithoutProgress,
      int firstBadCycle,
      Optional<String> unusable,
      Duration elapsed) {

    String summary() {
      return String.format(
          "database=%s cycles=%d acknowledged=%d found=%d lost=%d torn=%d violations=%d errors=%d"
              + " inconsistent_replays=%d cycles_without_progress=%d first_bad_cycle=%d"
              + " unusable=%s elapsed_s=%d",
          target.name(), cycles, acknowledged, found, lost.size(), torn.size(), violations.size(),
          errors.size(), inconsistentReplays.size(), cyclesWithoutProgress, firstBadCycle,
          unusable.isPresent(), elapsed.toSeconds());
    }
  }

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration MIN_WRITING = Duration.ofMillis(200);
  private static final Duration MAX_EXTRA_WRITING = Duration.ofMillis(2000);
  private static final int RETRIED_REFS = 300;

  private final Target target;
  private final Path work;
  private final Random random;
  private final Acknowledged acknowledged = new Acknowledged();

  CrashRun(Target target, Path work, long seed) {
    this.target = target;
    this.work = work;
    this.random = new Random(seed);
  }

  Figures run(int cycles) throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(work);
    String products;
    try (Tally tally = Tally.open(ConfigLoader.load(Optional.empty(), environment()))) {
      products =
          CrashCatalogue.setUp(tally).products().stream()
              .map(id -> id.value())
              .collect(Collectors.joining(","));
    }
    CrashAudit.Findings findings = new CrashAudit.Findings(0, List.of(), List.of());
    List<Violation> violations = List.of();
    int firstBadCycle = 0;
    int withoutProgress = 0;
    int cycle = 0;
    Optional<String> unusable = Optional.empty();
    try (CpuLoad load = CpuLoad.onEveryProcessor()) {
      while (cycle < cycles && unusable.isEmpty()) {
        cycle++;
        int before = acknowledged.operations;
        unusable = runChild(cycle, products);
        if (acknowledged.operations == before) {
          withoutProgress++;
        }
        long auditing = System.nanoTime();
        try (Reopened database = Reopened.open(target);
            Tally restarted = Tally.open(ConfigLoader.load(Optional.empty(), database.environment()));
            Connection connection = database.connect()) {
          violations = restarted.ledger().verify().violations();
          findings = new CrashAudit(connection).audit(acknowledged);
        } catch (RuntimeException | SQLException e) {
          unusable = Optional.of("cycle " + cycle + ": the database cannot be reopened: " + e);
          break;
        }
        System.out.printf(
            "crash %s cycle %d: acknowledged %d, lost %d, torn %d, violations %d, errors %d"
                + " (restart and audit %d ms)%n",
            target.name(), cycle, findings.acknowledged(), findings.lost().size(),
            findings.torn().size(), violations.size(), acknowledged.errors.size(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - auditing));
        boolean bad = !findings.lost().isEmpty() || !findings.torn().isEmpty() || !violations.isEmpty();
        if (bad && firstBadCycle == 0) {
          firstBadCycle = cycle;
          findings.lost().stream().limit(10).forEach(line -> System.out.println("  lost: " + line));
          findings.torn().stream().limit(10).forEach(line -> System.out.println("  torn: " + line));
          violations.stream().limit(10).forEach(line -> System.out.println("  violation: " + line));
        }
      }
    }
    unusable.ifPresent(reason -> System.out.println("  unusable: " + reason));
    Figures figures =
        new Figures(
            target, cycle, findings.acknowledged(), findings.found(), findings.lost(),
            findings.torn(), violations, List.copyOf(acknowledged.errors),
            List.copyOf(acknowledged.inconsistentReplays), withoutProgress, firstBadCycle,
            unusable, Duration.ofNanos(System.nanoTime() - started));
    System.out.println("crash " + figures.summary());
    Files.writeString(work.resolve("figures.txt"), figures.summary() + "\n");
    return figures;
  }

  /**
   * One process: start it, wait until it has acknowledged its first operation, let it write a
   * random while longer, kill it, and take in every line it wrote before it died (its stdout goes
   * to a file, which keeps every completed write after the kill). Returns why the database is
   * unusable when the process died on its own before acknowledging anything.
   */
  private Optional<String> runChild(int cycle, String products) throws Exception {
    Path retries = work.resolve("retry-refs.txt");
    Files.write(retries, refsToRetry());
    Path output = work.resolve("child-" + cycle + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                "p" + cycle,
                products,
                retries.toString())
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("child-stderr.log").toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("TALLY_"));
    builder.environment().putAll(environment());
    // odd cycles commit the child's uses in groups, even cycles one by one
    builder
        .environment()
        .put("TALLY_METERING_GROUP_COMMIT_ENABLED", Boolean.toString(cycle % 2 != 0));
    long started = System.nanoTime();
    Process child = builder.start();
    long writing = started;
    boolean writes;
    try {
      writes = awaitFirstAcknowledgement(child, output, cycle);
      writing = System.nanoTime();
      if (writes) {
        Thread.sleep(MIN_WRITING.toMillis() + random.nextInt((int) MAX_EXTRA_WRITING.toMillis()));
      }
    } finally {
      // SIGKILL on Linux (no shutdown hook, no close, no flush). Every other cycle, what the JVM
      // started (the embedded PostgreSQL) is killed with it, as when the machine's processes all
      // die at once; otherwise it is left running, as after `kill -9 <tally>`, for the next start
      // to deal with.
      List<ProcessHandle> children =
          cycle % 2 == 0 ? child.descendants().toList() : List.of();
      child.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("crash child " + cycle + " outlived its kill");
      }
      for (ProcessHandle process : children) {
        process.onExit().get(60, TimeUnit.SECONDS);
      }
    }
    int before = acknowledged.operations;
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      Report.parse(line).ifPresent(acknowledged::accept);
    }
    System.out.printf(
        "crash %s cycle %d: writing %d ms after start, killed %d ms later, %d operations acknowledged%n",
        target.name(), cycle, TimeUnit.NANOSECONDS.toMillis(writing - started),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writing), acknowledged.operations - before);
    Files.delete(output);
    return writes
        ? Optional.empty()
        : Optional.of("cycle " + cycle + ": the process died on its own; see " + work.resolve("child-stderr.log"));
  }

  /** Waits for the first acknowledgement; false when the process died before it. */
  private boolean awaitFirstAcknowledgement(Process child, Path output, int cycle) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(output, StandardCharsets.UTF_8).contains("\n" + Report.ACK + " ")) {
        return true;
      }
      if (!child.isAlive()) {
        return false;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "crash child " + cycle + " acknowledged nothing within " + READY_TIMEOUT + "; see "
            + work.resolve("child-stderr.log"));
  }

  /** A sample of the refs sent so far, acknowledged or not: what a client would retry. */
  private List<String> refsToRetry() {
    List<String> sent = new ArrayList<>(acknowledged.sentRefs);
    Collections.shuffle(sent, random);
    return sent.subList(0, Math.min(RETRIED_REFS, sent.size()));
  }

  private Map<String, String> environment() {
    return environment(target.url(), target.user(), target.password());
  }

  static Map<String, String> environment(String url, String user, String password) {
    return Map.of(
        "TALLY_DATABASE_URL", url,
        "TALLY_DATABASE_USER", user,
        "TALLY_DATABASE_PASSWORD", password,
        "TALLY_MAINTENANCE_INTERVAL_SECONDS", "0");
  }

  /** The embedded default: Tally's default URL with its data under {@code directory}. */
  static Target embeddedDefault(Path directory) {
    String data = directory.resolve("tally").toAbsolutePath().toString();
    return new Target("embedded", DatabaseConfig.DEFAULT_URL.replace("./data/tally", data), "", "");
  }

  /**
   * The database as a restarted server finds it, reached over JDBC for the audit: the embedded
   * server started again on its directory, or the target's own server.
   */
  private record Reopened(String url, String user, String password, Optional<EmbeddedPostgresql> server)
      implements AutoCloseable {
    static Reopened open(Target target) {
      if (!target.url().startsWith(DatabaseConfig.EMBEDDED_SCHEME)) {
        return new Reopened(target.url(), target.user(), target.password(), Optional.empty());
      }
      EmbeddedPostgresql server =
          EmbeddedPostgresql.start(Path.of(target.url().substring(DatabaseConfig.EMBEDDED_SCHEME.length())));
      return new Reopened(server.jdbcUrl(), EmbeddedPostgresql.USER, "", Optional.of(server));
    }

    Map<String, String> environment() {
      return CrashRun.environment(url, user, password);
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
      server.ifPresent(EmbeddedPostgresql::close);
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (var paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
