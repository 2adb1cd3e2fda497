package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * The background sweeps ({@code maintenance.*}): releasing expired holds and renewing or expiring
 * subscriptions whose period ended.
 *
 * @param interval time between sweeps; zero turns them off (the embedder then calls {@code
 *     holds().expireDue()} and {@code subscriptions().processDue()} itself)
 */
public record MaintenanceConfig(Duration interval) {
  public MaintenanceConfig {
    checkNotNull(interval, "interval");
    checkArgument(!interval.isNegative(), "interval is negative");
  }

  public boolean isEnabled() {
    return !interval.isZero();
  }
}
