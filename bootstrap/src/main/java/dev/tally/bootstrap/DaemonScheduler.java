package dev.tally.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background work on one named daemon thread, repeated with a fixed delay, stopped by {@link
 * #close()}: what the maintenance sweeps and the sync schedule run on.
 */
final class DaemonScheduler implements AutoCloseable {
  private final ScheduledExecutorService executor;

  DaemonScheduler(String threadName) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs {@code task} after {@code firstDelay}, then {@code delay} after each run ends. */
  void repeat(Runnable task, Duration firstDelay, Duration delay) {
    executor.scheduleWithFixedDelay(
        task, firstDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the work, waiting up to 5 s for a run in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
