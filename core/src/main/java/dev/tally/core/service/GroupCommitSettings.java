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
 */
public record GroupCommitSettings(boolean enabled, int maxItems, Duration maxWait) {
  /** On, up to 500 uses per group, no waiting. */
  public static final GroupCommitSettings DEFAULTS =
      new GroupCommitSettings(true, 500, Duration.ZERO);

  /** Every use in its own unit of work. */
  public static final GroupCommitSettings OFF = new GroupCommitSettings(false, 1, Duration.ZERO);

  public GroupCommitSettings {
    checkArgument(maxItems >= 1, "group commit max items is below 1: %s", maxItems);
    checkNotNull(maxWait, "max wait");
    checkArgument(!maxWait.isNegative(), "group commit max wait is negative: %s", maxWait);
  }
}
