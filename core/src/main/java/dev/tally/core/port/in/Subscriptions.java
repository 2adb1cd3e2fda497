package dev.tally.core.port.in;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;

/** Subscriptions: subscribe, renew, cancel, suspend, overage terms, quota checks. Thread-safe. */
public interface Subscriptions {
  /** Subscribes and charges the fee; refused when the org already has a current subscription. */
  Subscription subscribe(Subscribe command);

  Subscription subscription(SubscriptionId id);

  Page<Subscription> subscriptions(SubscriptionQuery query, PageRequest page);

  /** Ends a subscription for good; cancelling a cancelled subscription changes nothing. */
  Subscription cancel(SubscriptionId id);

  /** Starts a new period now with quota reset, charging the fee. */
  Subscription renew(SubscriptionId id);

  Subscription suspend(SubscriptionId id);

  Subscription resume(SubscriptionId id);

  Subscription setOverage(SetOverage command);

  /** Whether a use of {@code amount} would be accepted now, and what is left; changes nothing. */
  QuotaCheck checkQuota(SubscriptionId id, Quantity amount);

  /** Renews (auto-renew) or expires every subscription whose period has ended. */
  DueReport processDue();
}
