package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The outcome of an accepted use: its usage row, and whether this call replayed an earlier
 * identical request (then nothing was charged this time).
 */
public record UseResult(UsageRecord usage, boolean replayed) {
  public UseResult {
    checkNotNull(usage, "usage");
  }
}
