package dev.tally.bootstrap;

import dev.tally.core.port.in.DueReport;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.Subscriptions;
import java.time.Duration;
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

  private final DaemonScheduler scheduler;

  private Maintenance(DaemonScheduler scheduler) {
    this.scheduler = scheduler;
  }

  static Maintenance start(Duration interval, Holds holds, Subscriptions subscriptions) {
    DaemonScheduler scheduler = new DaemonScheduler("tally-maintenance");
    scheduler.repeat(() -> sweep(holds, subscriptions), interval, interval);
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
    scheduler.close();
  }
}
