package dev.tally.core.port.out;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Waiting, injected so that tests record the waits of a retry loop instead of sleeping.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Pause {
  /**
   * Waits {@code duration}.
   *
   * @throws CancellationException when the thread is interrupted while it waits (its interrupt
   *     status is set again)
   */
  void sleep(Duration duration);

  /** Sleeps the calling thread. */
  static Pause system() {
    return duration -> {
      try {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("interrupted while waiting");
        cancelled.initCause(e);
        throw cancelled;
      }
    };
  }
}
