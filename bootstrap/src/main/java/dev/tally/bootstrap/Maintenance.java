package dev.tally.bootstrap;

import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.DueReport;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.Subscriptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sweeps: releases expired holds, renews or expires subscriptions whose period
 * ended, and forgets used nonces and Deerer tokens whose time window has passed, every interval,
 * on one daemon thread. A failed sweep is logged and tried again at the next
 * interval. Several servers may sweep one database at once: each item is settled under its row
 * locks.
 */
final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final DaemonScheduler scheduler;

  private Maintenance(DaemonScheduler scheduler) {
    this.scheduler = scheduler;
  }

  static Maintenance start(
      Duration interval, Holds holds, Subscriptions subscriptions, Credentials credentials) {
    DaemonScheduler scheduler = new DaemonScheduler("tally-maintenance");
    scheduler.repeat(() -> sweep(holds, subscriptions, credentials), interval, interval);
    return new Maintenance(scheduler);
  }

  private static void sweep(Holds holds, Subscriptions subscriptions, Credentials credentials) {
    try {
      credentials.forgetExpiredUses();
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
