package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Ticker;
import dev.tally.core.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: it starts at a given instant, and {@link
 * #advance} or {@link #set} move it. Time may be set backwards, to test what happens then.
 * Thread-safe.
 */
public final class FakeClock implements Clock {
  private final AtomicReference<Instant> now;

  /** A clock showing {@code start} until moved. */
  public FakeClock(Instant start) {
    this.now = new AtomicReference<>(checkNotNull(start, "start"));
  }

  @Override
  public Instant now() {
    return now.get();
  }

  /** Moves the clock forward by {@code duration} (zero or more) and returns the new time. */
  public Instant advance(Duration duration) {
    checkNotNull(duration, "duration");
    checkArgument(!duration.isNegative(), "a clock advances by zero or more: %s", duration);
    return now.updateAndGet(current -> current.plus(duration));
  }

  /**
   * A Guava {@link Ticker} that reads this clock (nanoseconds since the epoch), for caches whose
   * expiry a test moves with the clock. It runs backwards when the clock is set backwards.
   */
  public Ticker ticker() {
    return new Ticker() {
      @Override
      public long read() {
        Instant instant = now.get();
        return Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
      }
    };
  }

  /** Shows {@code instant} from now on. */
  public void set(Instant instant) {
    now.set(checkNotNull(instant, "instant"));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
