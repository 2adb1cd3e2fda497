package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How uses are written ({@code metering.*}): with group commit on, concurrent uses are gathered, up
 * to {@code groupCommitMaxItems} of them, into one unit of work; the first of a group waits up to
 * {@code groupCommitMaxWait} for more (zero: applies what has queued at once).
 */
public record MeteringConfig(
    boolean groupCommitEnabled, int groupCommitMaxItems, Duration groupCommitMaxWait) {
  public MeteringConfig {
    checkArgument(groupCommitMaxItems >= 1, "a group holds at least one use");
    checkNotNull(groupCommitMaxWait, "group commit max wait");
  }
}
