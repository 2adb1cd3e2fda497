package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.port.out.Pause;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Pause} that does not sleep: it records every wait asked of it and, when given a {@link
 * FakeClock}, moves that clock on by the wait, as if the time had passed. Thread-safe.
 */
public final class RecordingPause implements Pause {
  private final Optional<FakeClock> clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  private RecordingPause(Optional<FakeClock> clock) {
    this.clock = clock;
  }

  /** Records the waits; time stands still. */
  public static RecordingPause recording() {
    return new RecordingPause(Optional.empty());
  }

  /** Records the waits and moves {@code clock} on by each. */
  public static RecordingPause advancing(FakeClock clock) {
    return new RecordingPause(Optional.of(checkNotNull(clock, "clock")));
  }

  @Override
  public void sleep(Duration duration) {
    checkNotNull(duration, "duration");
    checkArgument(!duration.isNegative(), "a pause is zero or more: %s", duration);
    waits.add(duration);
    clock.ifPresent(fake -> fake.advance(duration));
  }

  /** Every wait asked, oldest first. */
  public List<Duration> waits() {
    return ImmutableList.copyOf(waits);
  }

  /** Forgets the waits recorded so far. */
  public void clear() {
    waits.clear();
  }
}
