package dev.tally.bootstrap;

import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls each entity every {@code sync.<entity>.interval_seconds}, on one daemon thread. Several
 * servers may run it: the sync's lease lets one of them pull an entity at a time, and the others
 * answer busy. A failed run is recorded in sync_state and tried again at the next interval.
 */
final class SyncScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final DaemonScheduler scheduler;

  private SyncScheduler(DaemonScheduler scheduler) {
    this.scheduler = scheduler;
  }

  static SyncScheduler start(SyncConfig config, Sync sync) {
    DaemonScheduler scheduler = new DaemonScheduler("tally-sync");
    config
        .entities()
        .forEach(
            (entity, schedule) -> {
              if (!schedule.interval().isZero()) {
                scheduler.repeat(() -> run(sync, entity), Duration.ZERO, schedule.interval());
              }
            });
    return new SyncScheduler(scheduler);
  }

  private static void run(Sync sync, SyncEntity entity) {
    try {
      SyncReport report = sync.run(entity);
      switch (report.outcome()) {
        case COMPLETED ->
            LOG.info(
                "sync {}: {} item(s) in {} page(s), {} ms",
                entity.code(),
                report.upserted() + report.deleted(),
                report.pages(),
                report.elapsed().toMillis());
        case BUSY -> LOG.debug("sync {}: another server holds the lease", entity.code());
        case FAILED ->
            LOG.warn("sync {} failed: {}", entity.code(), report.error().orElse("unknown error"));
      }
    } catch (RuntimeException e) {
      LOG.warn("sync {} failed", entity.code(), e);
    }
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
