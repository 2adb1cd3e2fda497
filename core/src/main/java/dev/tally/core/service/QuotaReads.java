package dev.tally.core.service;

import com.google.common.base.Ticker;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.port.out.Repositories;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a quota check reads (the subscription, and whether its customer is suspended), kept in
 * memory so that a check reads no storage when warm. Exact only where this process is the
 * storage's only writer (the embedded default): every unit of work that writes a subscription or
 * a balance forgets those entries when it ends ({@link WriteWatchingUnitOfWork}), and a lookup
 * that began before such an end does not keep what it read. Thread-safe.
 */
final class QuotaReads {
  /** Entries kept at most; a check of a forgotten one reads storage once. */
  private static final CacheSettings SETTINGS = new CacheSettings(10_000, Duration.ofMinutes(5));

  private final ReadThroughCache<SubscriptionId, Subscription> subscriptions;
  private final ReadThroughCache<OrgId, Boolean> suspended;

  QuotaReads(Ticker ticker) {
    this.subscriptions =
        new ReadThroughCache<>(
            "quota subscriptions", SETTINGS, ticker, (repos, id) -> repos.subscriptions().find(id));
    this.suspended =
        new ReadThroughCache<>(
            "quota suspensions",
            SETTINGS,
            ticker,
            (repos, org) -> Optional.of(isSuspended(repos, org)));
  }

  /** The subscription and its customer's suspension, read from storage: no cache kept. */
  static Optional<Read> fromStorage(Repositories repos, SubscriptionId id) {
    return repos.subscriptions().find(id).map(sub -> new Read(sub, isSuspended(repos, sub.orgId())));
  }

  // a customer without a balance row is not suspended
  private static boolean isSuspended(Repositories repos, OrgId org) {
    return repos.balances().find(org).map(CustomerBalance::isSuspended).orElse(false);
  }

  /** The subscription and its customer's suspension, when both are in memory. */
  Optional<Read> cached(SubscriptionId id) {
    return subscriptions
        .cached(id)
        .flatMap(sub -> suspended.cached(sub.orgId()).map(isSuspended -> new Read(sub, isSuspended)));
  }

  /** The subscription and its customer's suspension, reading storage for what is not in memory. */
  Optional<Read> find(Repositories repos, SubscriptionId id) {
    return subscriptions
        .find(repos, id)
        .map(sub -> new Read(sub, suspended.find(repos, sub.orgId()).orElseThrow()));
  }

  /** Forgets what a unit of work wrote; call when it has ended. */
  void forget(WriteWatchingUnitOfWork.Written written) {
    written.subscriptions().forEach(subscriptions::invalidate);
    written.balances().forEach(suspended::invalidate);
  }

  List<CacheReport> reports() {
    return List.of(subscriptions.report(), suspended.report());
  }

  /** A subscription as stored and whether its customer is suspended. */
  record Read(Subscription subscription, boolean customerSuspended) {}
}
