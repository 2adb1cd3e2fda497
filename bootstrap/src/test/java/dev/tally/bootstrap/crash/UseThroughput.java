package dev.tally.bootstrap.crash;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.Tally;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A quick measure of acknowledged uses per second in-process: {@code threads} threads call {@code
 * tally.metering().use} with new source refs on the crash test's catalogue, for a warm-up and
 * then a measured interval. Arguments: a JDBC URL (or a directory, for the default URL with its
 * file there), user, password, threads, seconds. Not part of the suite; {@code
 * scripts/crash-torture.sh --throughput} runs it.
 */
public final class UseThroughput {
  private UseThroughput() {}

  public static void main(String[] args) throws Exception {
    String url =
        args[0].startsWith("jdbc:")
            ? args[0]
            : CrashRun.embeddedDefault(Path.of(args[0])).url();
    int threads = Integer.parseInt(args[3]);
    Duration measured = Duration.ofSeconds(Long.parseLong(args[4]));
    Map<String, String> environment = new HashMap<>(CrashRun.environment(url, args[1], args[2]));
    environment.put("TALLY_DATABASE_POOL_SIZE", String.valueOf(Math.max(10, threads)));
    try (Tally tally = Tally.open(ConfigLoader.load(Optional.empty(), environment))) {
      CrashCatalogue catalogue = CrashCatalogue.setUp(tally);
      String run = Long.toString(System.nanoTime(), 36);
      run(tally, catalogue, threads, Duration.ofSeconds(5), run + "-warm");
      long uses = run(tally, catalogue, threads, measured, run);
      System.out.printf(
          "throughput url=%s threads=%d seconds=%d uses=%d uses_per_second=%.0f%n",
          url.split(";", 2)[0], threads, measured.toSeconds(), uses,
          uses / (double) measured.toMillis() * 1000);
    }
  }

  private static long run(
      Tally tally, CrashCatalogue catalogue, int threads, Duration length, String prefix)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong uses = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String refs = prefix + "-" + t + "-";
      Thread worker =
          new Thread(
              () -> {
                for (long n = 0; running.get(); n++) {
                  tally.metering().use(catalogue.use(refs + n));
                  uses.incrementAndGet();
                }
              });
      worker.start();
      workers.add(worker);
    }
    Thread.sleep(length.toMillis());
    long counted = uses.get();
    running.set(false);
    for (Thread worker : workers) {
      worker.join();
    }
    return counted;
  }
}
