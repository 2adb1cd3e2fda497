package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system clock that, once asked to, holds its next reading back (the time already read) until
 * released, or for at most a while: whatever the reader locked before it reads the clock stays
 * locked meanwhile, and whatever it locks after is not yet locked. Thread-safe.
 */
final class PausingClock implements Clock {
  private final Duration longest;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final CountDownLatch reading = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** Holds a reading back for at most {@code longest}, then returns it. */
  PausingClock(Duration longest) {
    this.longest = longest;
  }

  @Override
  public Instant now() {
    Instant now = Instant.now();
    if (armed.compareAndSet(true, false)) {
      reading.countDown();
      awaitQuietly(released, longest);
    }
    return now;
  }

  /** Holds the next reading back, whichever thread reads. */
  void holdTheNextReading() {
    armed.set(true);
  }

  /** Waits until a reader is held. */
  boolean awaitHeldReading(Duration timeout) {
    return awaitQuietly(reading, timeout);
  }

  /** Lets the held reader go on. */
  void release() {
    released.countDown();
  }

  private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
