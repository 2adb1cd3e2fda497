package dev.tally.cli.torture;

import dev.tally.cli.TallyCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One torture run from start to audit: starts the servers, makes the catalogue, lets the clients
 * loose until they have sent the run's requests, stops the servers, runs {@code tally ledger
 * verify} on the database as its own process, and audits the database against the clients' record.
 * {@link #main} runs it at any size (what {@code scripts/torture.sh} calls); {@code TortureTest}
 * runs it at CI size.
 */
final class TortureRun {
  /** What a run measured and found. */
  record Figures(
      TortureSettings settings,
      String runId,
      long operations,
      Duration elapsed,
      int acceptedUses,
      Map<String, Long> answers,
      long unexpectedCount,
      List<String> unexpected,
      int ledgerVerifyExit,
      String ledgerVerifyOutput,
      TortureAudit.Findings audit) {

    double operationsPerSecond() {
      return operations / (elapsed.toNanos() / 1e9);
    }

    boolean clean() {
      return unexpectedCount == 0 && ledgerVerifyExit == 0 && audit.clean();
    }

    /** The figures as lines of text, for a person and for docs/reliability.md. */
    String report() {
      StringBuilder text = new StringBuilder();
      text.append(
          String.format(
              Locale.ROOT,
              "torture run %s: %,d operations (HTTP requests)%s, %d client threads, %d servers"
                  + " (pool %d each), %d customers, group commit %s, seed %d%n",
              runId,
              operations,
              operations < settings.operations()
                  ? " of "
                      + String.format(Locale.ROOT, "%,d", settings.operations())
                      + " asked (stopped at "
                      + settings.stopAt()
                      + ")"
                  : "",
              settings.threads(),
              settings.servers(),
              settings.poolSize(),
              settings.customers(),
              settings.groupCommit().name().toLowerCase(Locale.ROOT),
              settings.seed()));
      text.append(
          String.format(
              Locale.ROOT, "database: %s%n", String.join(", ", settings.database().urls())));
      text.append(
          String.format(
              Locale.ROOT,
              "elapsed: %.1f s, %.1f operations/s, %,d uses accepted%n",
              elapsed.toMillis() / 1000.0,
              operationsPerSecond(),
              acceptedUses));
      text.append(
          String.format(
              Locale.ROOT,
              "unexpected answers (5xx, no answer, a wrong answer): %d%n",
              unexpectedCount));
      unexpected.forEach(line -> text.append("  ").append(line).append('\n'));
      text.append(
          String.format(
              Locale.ROOT,
              "tally ledger verify: exit %d, %s%n",
              ledgerVerifyExit,
              ledgerVerifyOutput.strip()));
      audit
          .byPromise()
          .forEach(
              (promise, findings) -> {
                text.append(
                    String.format(
                        Locale.ROOT,
                        "audit: %s: %s (%,d checked)%n",
                        promise,
                        findings.isEmpty() ? "OK" : findings.size() + " finding(s)",
                        audit.checked().get(promise)));
                findings.forEach(finding -> text.append("  ").append(finding).append('\n'));
              });
      text.append("answers:\n");
      answers.forEach(
          (answer, count) ->
              text.append(String.format(Locale.ROOT, "  %-60s %,d%n", answer, count)));
      return text.toString();
    }
  }

  private TortureRun() {}

  static Figures run(TortureSettings settings, Path folder) throws Exception {
    String runId = Long.toString(Instant.now().toEpochMilli() % 2_176_782_336L, 36);
    ClientRecord record = new ClientRecord();
    TortureHttp http = new TortureHttp();
    TortureCatalogue catalogue;
    long operations;
    long nanos;
    try (TortureServers servers = TortureServers.start(settings, folder.resolve(runId))) {
      catalogue =
          TortureCatalogue.create(
              http, servers.bases().get(0), record, runId, settings.customers());
      TortureWorkload workload =
          new TortureWorkload(settings, servers.bases(), http, record, catalogue);
      ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
      long start = System.nanoTime();
      progress.scheduleAtFixedRate(
          () ->
              System.out.printf(
                  Locale.ROOT,
                  "torture %s: %,d of %,d operations after %d s, %d unexpected%n",
                  runId,
                  workload.sent(),
                  settings.operations(),
                  TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                  record.unexpectedCount()),
          60,
          60,
          TimeUnit.SECONDS);
      try {
        operations = workload.run();
      } finally {
        progress.shutdownNow();
      }
      nanos = System.nanoTime() - start;
    }
    Instant serversStopped = Instant.now();
    Path verifyOutput = folder.resolve(runId).resolve("ledger-verify.json");
    int verifyExit = verifyLedger(settings, verifyOutput);
    TortureAudit.Findings findings = TortureAudit.audit(settings, catalogue, record, serversStopped);
    return new Figures(
        settings,
        runId,
        operations,
        Duration.ofNanos(nanos),
        record.uses().size(),
        record.answers(),
        record.unexpectedCount(),
        record.unexpectedAnswers(),
        verifyExit,
        summary(Files.readString(verifyOutput, StandardCharsets.UTF_8)),
        findings);
  }

  /**
   * {@code tally ledger verify --json} on the run's database, as its own process; its exit code.
   */
  private static int verifyLedger(TortureSettings settings, Path output)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                TallyCli.class.getName(),
                "ledger",
                "verify",
                "--json")
            .redirectOutput(output.toFile())
            .redirectError(
                ProcessBuilder.Redirect.appendTo(
                    output.resolveSibling("ledger-verify.err").toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("TALLY_"));
    builder.environment().put("TALLY_DATABASE_URL", settings.databaseUrlOf(0));
    builder.environment().put("TALLY_DATABASE_USER", settings.database().user());
    builder.environment().put("TALLY_DATABASE_PASSWORD", settings.database().password());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("tally ledger verify did not finish within an hour");
    }
    return process.exitValue();
  }

  /**
   * The verification's answer on one line, cut at 2,000 characters (its violations may be many).
   */
  private static String summary(String json) {
    String oneLine = json.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 2000 ? oneLine.substring(0, 2000) + " ..." : oneLine;
  }

  /**
   * {@code TortureRun DATABASE OPERATIONS [on|off|mixed|both] [THREADS] [SERVERS]}: DATABASE is
   * {@code postgresql} or {@code mariadb} (a fresh database on the machine's server) or JDBC URLs
   * separated by commas (one per node; user and password from {@code TALLY_TORTURE_DATABASE_USER}
   * and {@code TALLY_TORTURE_DATABASE_PASSWORD}). With {@code mixed}, even servers group commits
   * and odd ones do not; with {@code both}, the operations are run once with group commit on and
   * once with it off. Exits 1 when a run is not clean.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: TortureRun postgresql|mariadb|JDBC-URL[,JDBC-URL...] OPERATIONS"
              + " [on|off|mixed|both] [THREADS] [SERVERS]");
      System.exit(2);
    }
    TortureSettings.Database database =
        args[0].startsWith("jdbc:")
            ? new TortureSettings.Database(
                List.of(args[0].split(",")),
                Optional.ofNullable(System.getenv("TALLY_TORTURE_DATABASE_USER")).orElse("root"),
                Optional.ofNullable(System.getenv("TALLY_TORTURE_DATABASE_PASSWORD")).orElse(""))
            : TortureDatabase.fresh(args[0], "tally_torture");
    long operations = Long.parseLong(args[1]);
    String groupCommit = args.length > 2 ? args[2] : "on";
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int servers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    long seed = Long.getLong("tally.torture.seed", System.nanoTime());
    Instant stopAt =
        Optional.ofNullable(System.getenv("TALLY_TORTURE_STOP_AT"))
            .map(Instant::parse)
            .orElse(Instant.MAX);
    List<TortureSettings.GroupCommit> modes =
        groupCommit.equals("both")
            ? List.of(TortureSettings.GroupCommit.ON, TortureSettings.GroupCommit.OFF)
            : List.of(TortureSettings.GroupCommit.valueOf(groupCommit.toUpperCase(Locale.ROOT)));
    Path folder = Path.of("target", "torture");
    List<Figures> runs = new ArrayList<>();
    for (TortureSettings.GroupCommit mode : modes) {
      TortureSettings settings =
          new TortureSettings(database, servers, 8, threads, operations, 32, mode, seed, stopAt);
      Figures figures = run(settings, folder);
      System.out.print(figures.report());
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve("figures-" + figures.runId() + ".txt"),
          figures.report(),
          StandardCharsets.UTF_8);
      runs.add(figures);
    }
    System.exit(runs.stream().allMatch(Figures::clean) ? 0 : 1);
  }
}
