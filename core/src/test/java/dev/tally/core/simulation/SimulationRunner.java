package dev.tally.core.simulation;

import dev.tally.core.error.TallyException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the seeds of a {@link Sizes}, one {@link Simulation} per seed, spread over the available
 * processors (each seed has its own Tally, so runs share nothing), and gathers the counts and the
 * failures in seed order. The result does not depend on which thread ran which seed.
 */
final class SimulationRunner {
  private static final int MORE_FAILURES = 10;

  private SimulationRunner() {}

  /** What a whole run did. */
  record Report(
      int seeds,
      int operations,
      OperationCounts counts,
      long elapsedMillis,
      long cpuMillis,
      List<String> failures) {

    String summary() {
      return String.format(
          Locale.ROOT,
          "billing simulation: %d seeds x %d operations = %d steps (%d accepted, %d refused) in"
              + " %.1f s (%.1f s of CPU), %d failed seed(s); accepted/refused per kind: %s",
          seeds,
          operations,
          counts.total(),
          counts.accepted(),
          counts.refused(),
          elapsedMillis / 1000.0,
          cpuMillis / 1000.0,
          failures.size(),
          counts);
    }

    /** The first failure in full, then the first line of every other one. */
    String failureMessage() {
      StringBuilder message =
          new StringBuilder()
              .append(failures.size())
              .append(" of ")
              .append(seeds)
              .append(" seed(s) failed; the first one:\n")
              .append(failures.get(0));
      if (failures.size() > 1) {
        message.append("\nthe others:");
        failures.stream()
            .skip(1)
            .limit(MORE_FAILURES)
            .map(failure -> failure.lines().limit(2).reduce((a, b) -> a + " /" + b).orElse(""))
            .forEach(headline -> message.append("\n  ").append(headline));
        if (failures.size() > MORE_FAILURES + 1) {
          message
              .append("\n  ... and ")
              .append(failures.size() - MORE_FAILURES - 1)
              .append(" more");
        }
      }
      return message.toString();
    }
  }

  /** The outcome of one seed: its counts (up to any failure), its failure, its CPU time. */
  private record SeedOutcome(OperationCounts counts, String failure, long cpuNanos) {}

  static Report run(Sizes sizes) {
    long start = System.nanoTime();
    List<Long> seeds = new ArrayList<>();
    if (sizes.replay().isPresent()) {
      seeds.add(sizes.replay().get());
    } else {
      for (long seed = 1; seed <= sizes.seeds(); seed++) {
        seeds.add(seed);
      }
    }
    boolean trace = sizes.replay().isPresent();
    int threads = Math.min(seeds.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    OperationCounts counts = new OperationCounts();
    List<String> failures = new ArrayList<>();
    long cpuNanos = 0;
    try {
      List<Future<SeedOutcome>> outcomes = new ArrayList<>();
      for (long seed : seeds) {
        outcomes.add(pool.submit(() -> runSeed(seed, sizes.operations(), trace)));
      }
      for (Future<SeedOutcome> outcome : outcomes) {
        SeedOutcome done = outcome.get();
        cpuNanos += done.cpuNanos();
        counts.addAll(done.counts());
        if (done.failure() != null) {
          failures.add(done.failure());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the simulation was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a simulated seed crashed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Report(
        seeds.size(),
        sizes.operations(),
        counts,
        (System.nanoTime() - start) / 1_000_000,
        cpuNanos / 1_000_000,
        List.copyOf(failures));
  }

  private static SeedOutcome runSeed(long seed, int operations, boolean trace) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    Simulation simulation = new Simulation(seed, operations, 0, tally -> {}, trace);
    String failure = null;
    try {
      simulation.run();
    } catch (Simulation.Failure failed) {
      failure = failed.getMessage() + causeOf(failed);
    }
    return new SeedOutcome(
        simulation.counts(), failure, threads.getCurrentThreadCpuTime() - cpuStart);
  }

  private static String causeOf(Throwable failure) {
    if (failure.getCause() == null || failure.getCause() instanceof TallyException) {
      return "";
    }
    StringWriter trace = new StringWriter();
    failure.getCause().printStackTrace(new PrintWriter(trace));
    return "\ncaused by: " + trace;
  }
}
