package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How concurrent uses are gathered into one unit of work (group commit).
 *
 * @param enabled off: every use is its own unit of work
 * @param maxItems the most uses one unit of work applies
 * @param maxWait how long the first use of a group waits for more to arrive before applying them;
 *     zero applies what has queued at once, so a use alone waits for nothing and groups form from
 *     the uses that arrive while the previous group commits
 * @param lanes how many groups may be applied at once, each on its own connection: a customer's
 *     uses always go through the same lane, in arrival order, so groups of different lanes never
 *     wait for each other's row locks
 */
public record GroupCommitSettings(boolean enabled, int maxItems, Duration maxWait, int lanes) {
  /** On, up to 500 uses per group, no waiting, two lanes. */
  public static final GroupCommitSettings DEFAULTS =
      new GroupCommitSettings(true, 500, Duration.ZERO, 2);

  /** Every use in its own unit of work. */
  public static final GroupCommitSettings OFF =
      new GroupCommitSettings(false, 1, Duration.ZERO, 1);

  public GroupCommitSettings {
    checkArgument(maxItems >= 1, "group commit max items is below 1: %s", maxItems);
    checkNotNull(maxWait, "max wait");
    checkArgument(!maxWait.isNegative(), "group commit max wait is negative: %s", maxWait);
    checkArgument(lanes >= 1, "group commit lanes is below 1: %s", lanes);
  }

  /** These settings with {@code lanes} lanes. */
  public GroupCommitSettings withLanes(int lanes) {
    return new GroupCommitSettings(enabled, maxItems, maxWait, lanes);
  }
}
