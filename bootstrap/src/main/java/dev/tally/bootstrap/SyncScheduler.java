package dev.tally.bootstrap;

import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls each entity every {@code sync.<entity>.interval_seconds}, on one daemon thread. Several
 * servers may run it: the sync's lease lets one of them pull an entity at a time, and the others
 * answer busy. A failed run is recorded in sync_state and tried again at the next interval.
 */
final class SyncScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final ScheduledExecutorService scheduler;

  private SyncScheduler(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  static SyncScheduler start(SyncConfig config, Sync sync) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tally-sync");
              thread.setDaemon(true);
              return thread;
            });
    config
        .entities()
        .forEach(
            (entity, schedule) -> {
              Duration interval = schedule.interval();
              if (!interval.isZero()) {
                scheduler.scheduleWithFixedDelay(
                    () -> run(sync, entity), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
