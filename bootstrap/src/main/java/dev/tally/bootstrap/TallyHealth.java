package dev.tally.bootstrap;

import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether Tally can serve: the database answers, and how fresh each synced entity is.
 *
 * @param sync one entry per entity the configuration syncs on a schedule
 */
public record TallyHealth(boolean databaseUp, List<Freshness> sync) {

  /**
   * One entity's freshness: stale when its last success is older than {@code
   * sync.stale_after_intervals} intervals (or it never succeeded).
   */
  public record Freshness(
      SyncEntity entity, SyncStatus status, Optional<Instant> lastSuccessAt, boolean stale) {}

  public TallyHealth {
    sync = List.copyOf(sync);
  }
}
