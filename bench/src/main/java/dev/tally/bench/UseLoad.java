package dev.tally.bench;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.service.GroupCommitReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The in-process load harness (cases B2, B3, B4 and useAll of 100 in docs/benchmarks.md): opens
 * Tally on a database as an embedder would, builds a {@link Shop}, then for each case runs its
 * threads calling {@code metering().use(...)} (or {@code useAll}) with unique source refs, first
 * for a warm-up that is not counted, then for the measured time, and prints one line:
 *
 * <pre>RESULT case=B3 label=postgresql threads=64 customers=1000 batch=1 seconds=60.0 uses=... uses_per_s=... p50_ms=... p99_ms=... errors=0</pre>
 *
 * <p>Arguments: {@code --url URL} (a JDBC URL or {@code embedded-postgresql:<folder>}; given
 * several times, for the nodes of a multi-master cluster such as Galera, it opens one Tally per
 * URL in this process, builds the shop through the first and spreads the threads over them
 * round-robin, as servers each on their own node would share the load), {@code
 * --user}, {@code --password}, {@code --label} (names the database in the output), {@code
 * --cases B2,B3,B4,BATCH}, {@code --seconds}, {@code --warmup}, {@code --customers}, {@code
 * --setup-only} (build the shop, print its product id and stop: for the HTTP benchmark), {@code
 * --jfr FILE} (record the first case's measured window with JFR's "profile" settings), and any
 * number of {@code key=value} config overrides. Overrides reach Tally the way an operator's would,
 * as {@code TALLY_*} environment entries, so a key this build does not know yet (such as {@code
 * metering.group_commit.enabled} before group commit lands) is ignored, never an error: run.sh can
 * pass the same list to every build. The effective configuration is printed on stderr.
 */
public final class UseLoad {
  /** The cases, each its thread count, whether every use is the same customer's, and uses per call. */
  enum Case {
    B2(16, false, 1),
    B3(64, false, 1),
    B4(64, true, 1),
    BATCH(16, false, 100);

    final int threads;
    final boolean hotCustomer;
    final int usesPerCall;

    Case(int threads, boolean hotCustomer, int usesPerCall) {
      this.threads = threads;
      this.hotCustomer = hotCustomer;
      this.usesPerCall = usesPerCall;
    }
  }

  private UseLoad() {}

  public static void main(String[] args) throws InterruptedException {
    Arguments arguments = Arguments.parse(args);
    List<Tally> tallies = new ArrayList<>();
    try {
      for (String url : arguments.urls) {
        TallyConfig config =
            ConfigLoader.load(Optional.empty(), arguments.environment(url)).withoutBackgroundWork();
        System.err.println("config: " + config);
        tallies.add(Tally.open(config));
      }
      measure(arguments, tallies);
    } finally {
      tallies.forEach(Tally::close);
    }
  }

  /** Builds the shop through the first Tally, then runs and prints each case. */
  private static void measure(Arguments arguments, List<Tally> tallies) throws InterruptedException {
    Shop shop = Shop.open(tallies.get(0), arguments.customers);
    if (arguments.setupOnly) {
      System.out.println("SHOP product=" + shop.product().value() + " run=" + shop.runId()
          + " customers=" + shop.customers().size());
      return;
    }
    for (int index = 0; index < arguments.cases.size(); index++) {
      Case benchCase = arguments.cases.get(index);
      run(tallies, shop, benchCase, arguments.warmup, "warm");
      Optional<Recording> recording =
          index == 0 ? arguments.jfr.map(path -> startRecording()) : Optional.empty();
      GroupCommitReport before = groupCommit(tallies);
      Measurement measured = run(tallies, shop, benchCase, arguments.seconds, "run");
      GroupCommitReport after = groupCommit(tallies);
      recording.ifPresent(finished -> dump(finished, arguments.jfr.orElseThrow()));
      System.out.println(
          measured.line(benchCase, arguments.label, shop.customers().size())
              + groupsLine(before, after));
    }
  }

  /** The group commit counters of every Tally, added up. */
  private static GroupCommitReport groupCommit(List<Tally> tallies) {
    List<GroupCommitReport> reports = tallies.stream().map(tally -> tally.core().groupCommit()).toList();
    return new GroupCommitReport(
        reports.stream().mapToLong(GroupCommitReport::groups).sum(),
        reports.stream().mapToLong(GroupCommitReport::groupedUses).sum(),
        reports.stream().mapToLong(GroupCommitReport::groupsAppliedAlone).sum());
  }

  /** How the window's uses were grouped: groups, uses in them, groups that fell back to alone. */
  private static String groupsLine(GroupCommitReport before, GroupCommitReport after) {
    return String.format(
        Locale.ROOT,
        " groups=%d grouped_uses=%d groups_applied_alone=%d",
        after.groups() - before.groups(),
        after.groupedUses() - before.groupedUses(),
        after.groupsAppliedAlone() - before.groupsAppliedAlone());
  }

  /** A JFR recording with the JDK's "profile" settings: the measured window only, no set-up. */
  private static Recording startRecording() {
    try {
      Recording recording = new Recording(Configuration.getConfiguration("profile"));
      recording.start();
      return recording;
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot start a JFR recording", e);
    }
  }

  private static void dump(Recording recording, Path file) {
    try (recording) {
      recording.stop();
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JFR recording to " + file, e);
    }
  }

  /**
   * Runs one case for {@code length}, thread i on Tally i modulo their number; refs are prefixed
   * with {@code phase} to stay unique.
   */
  private static Measurement run(List<Tally> tallies, Shop shop, Case benchCase, Duration length, String phase)
      throws InterruptedException {
    Worker[] workers = new Worker[benchCase.threads];
    List<Thread> threads = new ArrayList<>();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    for (int index = 0; index < workers.length; index++) {
      Tally tally = tallies.get(index % tallies.size());
      workers[index] = new Worker(tally, shop, benchCase, phase + index, index, errors);
      Thread thread = new Thread(workers[index], "bench-" + index);
      threads.add(thread);
      thread.start();
    }
    long started = System.nanoTime();
    long deadline = started + length.toNanos();
    for (Worker worker : workers) {
      worker.deadline = deadline;
      worker.go.countDown();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return Measurement.of(workers, System.nanoTime() - started, errors);
  }

  /** One load thread: calls as fast as Tally answers until the deadline, timing each call. */
  private static final class Worker implements Runnable {
    final CountDownLatch go = new CountDownLatch(1);
    volatile long deadline;
    private final Tally tally;
    private final Shop shop;
    private final Case benchCase;
    private final String refPrefix;
    private final int index;
    private final Map<String, LongAdder> errors;
    long[] latencies = new long[1 << 14];
    int calls;
    long accepted;

    Worker(Tally tally, Shop shop, Case benchCase, String refPrefix, int index, Map<String, LongAdder> errors) {
      this.tally = tally;
      this.shop = shop;
      this.benchCase = benchCase;
      this.refPrefix = shop.runId() + benchCase.name() + refPrefix + "-";
      this.index = index;
      this.errors = errors;
    }

    @Override
    public void run() {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      List<OrgId> customers = shop.customers();
      // each thread starts at its own customer and walks the list: spread, and reproducible
      int next = index * 61;
      long sequence = 0;
      while (System.nanoTime() < deadline) {
        List<UseCommand> commands = new ArrayList<>(benchCase.usesPerCall);
        for (int item = 0; item < benchCase.usesPerCall; item++) {
          OrgId customer = benchCase.hotCustomer ? customers.get(0) : customers.get(next++ % customers.size());
          commands.add(shop.use(customer, refPrefix + Long.toString(sequence++, 36)));
        }
        long started = System.nanoTime();
        try {
          accepted += call(commands);
        } catch (TallyException | IllegalStateException | IllegalArgumentException e) {
          countError(e instanceof TallyException refusal ? refusal.code().code() : e.getClass().getSimpleName());
        } catch (RuntimeException e) {
          // a storage failure: counted and shown, the run goes on
          countError(e.getClass().getSimpleName());
        }
        record(System.nanoTime() - started);
      }
    }

    private long call(List<UseCommand> commands) {
      if (commands.size() == 1) {
        tally.metering().use(commands.get(0));
        return 1;
      }
      long done = 0;
      for (UseOutcome outcome : tally.metering().useAll(commands)) {
        if (outcome instanceof UseOutcome.Accepted) {
          done++;
        } else if (outcome instanceof UseOutcome.Refused refused) {
          countError(refused.code().code());
        }
      }
      return done;
    }

    private void countError(String kind) {
      errors.computeIfAbsent(kind, any -> new LongAdder()).increment();
    }

    private void record(long nanos) {
      if (calls == latencies.length) {
        latencies = Arrays.copyOf(latencies, calls * 2);
      }
      latencies[calls++] = nanos;
    }
  }

  /** What one case did: uses accepted, over how long, and the latency of every call. */
  private record Measurement(long uses, long nanos, long[] sortedLatencies, Map<String, Long> errors) {
    static Measurement of(Worker[] workers, long nanos, Map<String, LongAdder> errors) {
      long uses = 0;
      int calls = 0;
      for (Worker worker : workers) {
        uses += worker.accepted;
        calls += worker.calls;
      }
      long[] all = new long[calls];
      int at = 0;
      for (Worker worker : workers) {
        System.arraycopy(worker.latencies, 0, all, at, worker.calls);
        at += worker.calls;
      }
      Arrays.sort(all);
      Map<String, Long> counted = new LinkedHashMap<>();
      errors.forEach((kind, count) -> counted.put(kind, count.sum()));
      return new Measurement(uses, nanos, all, counted);
    }

    String line(Case benchCase, String label, int customers) {
      double seconds = nanos / 1e9;
      return String.format(
          Locale.ROOT,
          "RESULT case=%s label=%s threads=%d customers=%d batch=%d seconds=%.1f uses=%d uses_per_s=%.1f"
              + " p50_ms=%.3f p99_ms=%.3f errors=%d%s",
          benchCase.name(),
          label,
          benchCase.threads,
          benchCase.hotCustomer ? 1 : customers,
          benchCase.usesPerCall,
          seconds,
          uses,
          uses / seconds,
          percentile(0.50) / 1e6,
          percentile(0.99) / 1e6,
          errors.values().stream().mapToLong(Long::longValue).sum(),
          errors.isEmpty() ? "" : " error_kinds=" + errors.toString().replace(" ", ""));
    }

    private double percentile(double fraction) {
      if (sortedLatencies.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(fraction * sortedLatencies.length) - 1;
      return sortedLatencies[Math.max(rank, 0)];
    }
  }

  /** The command line, read once. */
  private static final class Arguments {
    final List<String> urls = new ArrayList<>();
    String user = "postgres";
    String password = "";
    String label = "db";
    List<Case> cases = List.of(Case.B2);
    Duration seconds = Duration.ofSeconds(10);
    Duration warmup = Duration.ofSeconds(3);
    int customers = 1_000;
    boolean setupOnly;
    Optional<Path> jfr = Optional.empty();
    final Map<String, String> overrides = new LinkedHashMap<>();

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      for (int at = 0; at < args.length; at++) {
        String arg = args[at];
        switch (arg) {
          case "--url" -> parsed.urls.add(args[++at]);
          case "--user" -> parsed.user = args[++at];
          case "--password" -> parsed.password = args[++at];
          case "--label" -> parsed.label = args[++at];
          case "--cases" ->
              parsed.cases =
                  Arrays.stream(args[++at].split(","))
                      .map(name -> Case.valueOf(name.strip().toUpperCase(Locale.ROOT)))
                      .toList();
          case "--seconds" -> parsed.seconds = Duration.ofMillis(Math.round(Double.parseDouble(args[++at]) * 1000));
          case "--warmup" -> parsed.warmup = Duration.ofMillis(Math.round(Double.parseDouble(args[++at]) * 1000));
          case "--customers" -> parsed.customers = Integer.parseInt(args[++at]);
          case "--setup-only" -> parsed.setupOnly = true;
          case "--jfr" -> parsed.jfr = Optional.of(Path.of(args[++at]));
          default -> {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") || equals <= 0) {
              throw new IllegalArgumentException("unknown argument: " + arg);
            }
            parsed.overrides.put(arg.substring(0, equals), arg.substring(equals + 1));
          }
        }
      }
      if (parsed.urls.isEmpty()) {
        throw new IllegalArgumentException("--url is required (a JDBC URL or embedded-postgresql:<folder>)");
      }
      return parsed;
    }

    /**
     * The settings of the Tally on {@code url}, as the {@code TALLY_*} environment ConfigLoader
     * reads (docs/configuration.md).
     */
    Map<String, String> environment(String url) {
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("TALLY_DATABASE_URL", url);
      environment.put("TALLY_DATABASE_USER", user);
      environment.put("TALLY_DATABASE_PASSWORD", password);
      overrides.forEach(
          (key, value) -> environment.put("TALLY_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
      return environment;
    }
  }
}
