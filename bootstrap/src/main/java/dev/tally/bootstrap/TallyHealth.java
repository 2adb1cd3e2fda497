package dev.tally.bootstrap;

import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether Tally can serve: the database answers, and how fresh each synced entity is.
 *
 * @param sync one entry per entity of the configured upstream, scheduled or synced only on demand
 *     ({@code interval_seconds: 0}); none when no upstream is configured
 */
public record TallyHealth(boolean databaseUp, List<Freshness> sync) {

  /**
   * One entity's freshness: stale when it never succeeded or, scheduled, when its last success is
   * older than {@code sync.stale_after_intervals} intervals.
   *
   * @param onDemand true when the entity is synced only on demand (no schedule to be late by)
   */
  public record Freshness(
      SyncEntity entity,
      SyncStatus status,
      Optional<Instant> lastSuccessAt,
      boolean onDemand,
      boolean stale) {}

  public TallyHealth {
    sync = List.copyOf(sync);
  }
}
