package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How uses are written ({@code metering.*}): with group commit on, concurrent uses are gathered, up
 * to {@code groupCommitMaxItems} of them, into one unit of work; the first of a group waits up to
 * {@code groupCommitMaxWait} for more (zero: applies what has queued at once); up to {@code
 * groupCommitLanes} groups, each of other customers, are applied at once.
 */
public record MeteringConfig(
    boolean groupCommitEnabled,
    int groupCommitMaxItems,
    Duration groupCommitMaxWait,
    int groupCommitLanes) {
  public MeteringConfig {
    checkArgument(groupCommitMaxItems >= 1, "a group holds at least one use");
    checkNotNull(groupCommitMaxWait, "group commit max wait");
    checkArgument(groupCommitLanes >= 1, "group commit has at least one lane");
  }
}
