package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Operation;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Product;
import dev.tally.core.model.Reference;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.port.out.Repositories;
import java.time.Instant;

/**
 * Starting a subscription's next period: charging its fee and resetting its quota. Shared by
 * explicit renewals, the pass over ended subscriptions, and uses that meet an ended auto-renewing
 * subscription.
 */
final class Renewals {
  private final Bookkeeper bookkeeper;

  Renewals(Bookkeeper bookkeeper) {
    this.bookkeeper = bookkeeper;
  }

  /** The outcome of a renewal: the subscription in its new period and the customer's balance. */
  record Renewed(Subscription subscription, CustomerBalance balance) {}

  /**
   * Renews {@code subscription} into a period starting at {@code start}, charging the fee to the
   * locked {@code balance}. Refuses when the fee cannot be paid.
   */
  Renewed renew(
      Repositories repos,
      Subscription subscription,
      CustomerBalance balance,
      Instant start,
      Instant now) {
    CustomerBalance after = chargeFee(repos, subscription, balance, "renewal", now);
    Subscription renewed = subscription.renewedFrom(start);
    repos.subscriptions().update(renewed);
    return new Renewed(renewed, after);
  }

  /**
   * The start of the period an auto-renewal continues into: the first period boundary after the
   * ended one whose period contains {@code now}, so that periods stay contiguous and one fee is
   * charged however long nobody looked.
   */
  static Instant continuationStart(Subscription subscription, Instant now) {
    Instant start = subscription.periodEnd();
    Instant end = Subscription.periodEndFrom(start, subscription.period());
    while (!now.isBefore(end)) {
      start = end;
      end = Subscription.periodEndFrom(start, subscription.period());
    }
    return start;
  }

  /** Charges the subscription's fee (if any) as a SUBSCRIPTION_FEE to the product's owner. */
  CustomerBalance chargeFee(
      Repositories repos,
      Subscription subscription,
      CustomerBalance balance,
      String purpose,
      Instant now) {
    if (subscription.fee().isZero()) {
      return balance;
    }
    balance.requireCanPay(subscription.fee(), "the " + purpose + " fee of " + subscription.id());
    Product product = Lookups.product(repos, subscription.productId());
    Posting posting =
        Posting.transfer(
            Operation.SUBSCRIPTION_FEE,
            Reference.subscription(subscription.id()),
            purpose + " fee",
            AccountId.customer(subscription.orgId()),
            AccountId.revenue(product.ownerOrgId()),
            subscription.fee().toLedger());
    return bookkeeper.postForCustomer(repos, posting, balance, now).balance().orElseThrow();
  }

  /** Marks an ended subscription expired. */
  static Subscription expire(Repositories repos, Subscription subscription) {
    Subscription expired = subscription.withStatus(SubscriptionStatus.EXPIRED);
    repos.subscriptions().update(expired);
    return expired;
  }

  /** The refusal of a use on a subscription that ended and could not be renewed. */
  static TallyException ended(Subscription subscription, String why) {
    return TallyException.of(
        ErrorCode.SUBSCRIPTION_INACTIVE,
        "subscription %s ended at %s%s",
        subscription.id(),
        subscription.periodEnd(),
        why);
  }
}
