package dev.tally.bootstrap;

import dev.tally.core.port.in.DueReport;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.Subscriptions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sweeps: releases expired holds and renews or expires subscriptions whose period
 * ended, every interval, on one daemon thread. A failed sweep is logged and tried again at the next
 * interval. Several servers may sweep one database at once: each item is settled under its row
 * locks.
 */
final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final ScheduledExecutorService scheduler;

  private Maintenance(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  static Maintenance start(Duration interval, Holds holds, Subscriptions subscriptions) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tally-maintenance");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> sweep(holds, subscriptions),
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return new Maintenance(scheduler);
  }

  private static void sweep(Holds holds, Subscriptions subscriptions) {
    try {
      int expired = holds.expireDue();
      DueReport due = subscriptions.processDue();
      if (expired + due.renewed() + due.expired() > 0) {
        LOG.info(
            "maintenance: {} hold(s) expired, {} subscription(s) renewed, {} expired",
            expired,
            due.renewed(),
            due.expired());
      }
    } catch (RuntimeException e) {
      LOG.warn("maintenance sweep failed; retrying at the next interval", e);
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
