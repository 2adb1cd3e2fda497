package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.QuotaSplit;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.port.in.DueReport;
import dev.tally.core.port.in.SetOverage;
import dev.tally.core.port.in.Subscribe;
import dev.tally.core.port.in.Subscriptions;
import dev.tally.core.port.out.Repositories;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Subscriptions: subscribe, renew, cancel, suspend, overage terms and quota checks. */
final class SubscriptionService implements Subscriptions {
  private static final int DUE_BATCH = 100;

  private final Environment env;
  private final Renewals renewals;
  // present where this process is the storage's only writer
  private final Optional<QuotaReads> quotaReads;

  SubscriptionService(Environment env, Renewals renewals, Optional<QuotaReads> quotaReads) {
    this.env = env;
    this.renewals = renewals;
    this.quotaReads = quotaReads;
  }

  @Override
  public Subscription subscribe(Subscribe command) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              Product product = Lookups.product(repos, command.productId());
              if (!product.isOnSale()) {
                throw TallyException.of(
                    ErrorCode.INVALID_STATE,
                    "product %s is %s; only a published product takes subscriptions",
                    product.id(),
                    product.status().code());
              }
              BillingMode mode = billingMode(repos, command);
              requireSensibleTerms(command, mode);
              CustomerBalance balance =
                  BalanceService.lockOrOpen(
                      repos, command.orgId(), env.settings().defaultCurrency(), now);
              Money fee = command.fee().orElse(Money.zero(balance.currency()));
              balance.requireCurrency(fee.currency());
              command
                  .overageUnitPrice()
                  .ifPresent(price -> balance.requireCurrency(price.currency()));
              retireEnded(repos, command, now);
              Subscription subscription =
                  new Subscription(
                      SubscriptionId.of(env.newId()),
                      command.productId(),
                      command.userId(),
                      command.orgId(),
                      mode,
                      command.quota(),
                      Quantity.zero(command.quota().unit()),
                      now,
                      Subscription.periodEndFrom(now, command.period()),
                      command.period(),
                      command.allowOverage(),
                      command.overageUnitPrice(),
                      command.overageCap(),
                      Quantity.zero(command.quota().unit()),
                      SubscriptionStatus.ACTIVE,
                      command.autoRenew(),
                      fee,
                      now);
              repos.subscriptions().insert(subscription);
              renewals.chargeFee(repos, subscription, balance, "subscription", now);
              return subscription;
            });
  }

  /** The mode asked for, or the one all the product's active resources share. */
  private static BillingMode billingMode(Repositories repos, Subscribe command) {
    List<ProductResource> active =
        repos.resources().findByProduct(command.productId()).stream()
            .filter(ProductResource::isActive)
            .toList();
    if (active.isEmpty()) {
      throw TallyException.of(
          ErrorCode.RESOURCE_INACTIVE,
          "product %s has no active resource to subscribe to",
          command.productId());
    }
    if (command.billingMode().isPresent()) {
      return command.billingMode().get();
    }
    Set<BillingMode> modes =
        active.stream().map(ProductResource::billingMode).collect(Collectors.toSet());
    if (modes.size() > 1) {
      throw TallyException.invalid(
          "the resources of product %s are billed in modes %s; name the billing_mode",
          command.productId(),
          modes.stream().map(BillingMode::code).sorted().toList());
    }
    return modes.iterator().next();
  }

  private static void requireSensibleTerms(Subscribe command, BillingMode mode) {
    if (mode != BillingMode.PAY_PER_USE && !command.quota().isPositive()) {
      throw TallyException.invalid(
          "a subscription in billing mode %s needs a positive quota_total", mode.code());
    }
    boolean overageTerms =
        command.allowOverage()
            || command.overageUnitPrice().isPresent()
            || command.overageCap().isPresent();
    if (overageTerms && mode != BillingMode.QUOTA_WITH_OVERAGE) {
      // the same refusal as setting overage terms on an existing subscription of this mode
      throw TallyException.of(
          ErrorCode.INVALID_STATE,
          "a subscription in billing mode %s takes no overage terms (allow_overage,"
              + " overage_unit_price, overage_cap); overage terms need mode 3",
          mode.code());
    }
  }

  /**
   * Refuses a second current subscription for the org and product; one whose period ended without
   * auto-renewal is expired first, so the customer can subscribe again.
   */
  private static void retireEnded(Repositories repos, Subscribe command, Instant now) {
    Optional<Subscription> current =
        repos.subscriptions().lockCurrent(command.orgId(), command.productId());
    if (current.isEmpty()) {
      return;
    }
    Subscription existing = current.get();
    if (existing.status() == SubscriptionStatus.ACTIVE
        && existing.isExpiredAt(now)
        && !existing.autoRenew()) {
      Renewals.expire(repos, existing);
      return;
    }
    throw TallyException.of(
        ErrorCode.SUBSCRIPTION_EXISTS,
        "org %s already has subscription %s (%s) to product %s",
        command.orgId(),
        existing.id(),
        existing.status().code(),
        command.productId());
  }

  @Override
  public Subscription subscription(SubscriptionId id) {
    return env.unitOfWork().inTransaction(repos -> Lookups.subscription(repos, id));
  }

  @Override
  public Page<Subscription> subscriptions(SubscriptionQuery query, PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.subscriptions().list(query, page));
  }

  @Override
  public Subscription cancel(SubscriptionId id) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Subscription subscription = Lookups.lockedSubscription(repos, id);
              if (subscription.status() == SubscriptionStatus.CANCELLED) {
                return subscription;
              }
              Subscription cancelled = subscription.withStatus(SubscriptionStatus.CANCELLED);
              repos.subscriptions().update(cancelled);
              return cancelled;
            });
  }

  @Override
  public Subscription renew(SubscriptionId id) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              // lock order: the customer's balance, then the subscription
              CustomerBalance balance =
                  Lookups.lockedBalance(repos, Lookups.subscription(repos, id).orgId());
              Subscription subscription = Lookups.lockedSubscription(repos, id);
              // the new period starts after the locks: a use that held them first is then in the
              // period it consumed (read before, its time could fall in the period it did not)
              Instant now = env.now();
              if (subscription.status() == SubscriptionStatus.CANCELLED
                  || subscription.status() == SubscriptionStatus.SUSPENDED) {
                throw TallyException.of(
                    ErrorCode.INVALID_STATE,
                    "subscription %s is %s and cannot be renewed",
                    id,
                    subscription.status().code());
              }
              if (!subscription.isCurrent()) {
                requireNoOtherCurrent(repos, subscription);
              }
              return renewals.renew(repos, subscription, balance, now, now).subscription();
            });
  }

  /** An expired subscription renews only while the org has no other current one to the product. */
  private static void requireNoOtherCurrent(Repositories repos, Subscription subscription) {
    repos
        .subscriptions()
        .lockCurrent(subscription.orgId(), subscription.productId())
        .ifPresent(
            other -> {
              throw TallyException.of(
                  ErrorCode.SUBSCRIPTION_EXISTS,
                  "org %s has subscription %s to product %s now; renewing %s would make two",
                  subscription.orgId(),
                  other.id(),
                  subscription.productId(),
                  subscription.id());
            });
  }

  @Override
  public Subscription suspend(SubscriptionId id) {
    return transition(id, SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED);
  }

  @Override
  public Subscription resume(SubscriptionId id) {
    return transition(id, SubscriptionStatus.SUSPENDED, SubscriptionStatus.ACTIVE);
  }

  private Subscription transition(
      SubscriptionId id, SubscriptionStatus from, SubscriptionStatus to) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Subscription subscription = Lookups.lockedSubscription(repos, id);
              if (subscription.status() == to) {
                return subscription;
              }
              if (subscription.status() != from) {
                throw TallyException.of(
                    ErrorCode.INVALID_STATE,
                    "subscription %s is %s; only a %s subscription can become %s",
                    id,
                    subscription.status().code(),
                    from.code(),
                    to.code());
              }
              Subscription changed = subscription.withStatus(to);
              repos.subscriptions().update(changed);
              return changed;
            });
  }

  @Override
  public Subscription setOverage(SetOverage command) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Subscription subscription =
                  Lookups.lockedSubscription(repos, command.subscriptionId());
              if (subscription.billingMode() != BillingMode.QUOTA_WITH_OVERAGE) {
                throw TallyException.of(
                    ErrorCode.INVALID_STATE,
                    "subscription %s is in billing mode %s; overage terms need mode 3",
                    subscription.id(),
                    subscription.billingMode().code());
              }
              command
                  .overageCap()
                  .ifPresent(
                      cap -> {
                        if (!cap.unit().equals(subscription.quotaUnit())) {
                          throw TallyException.invalid(
                              "overage_cap is counted in the quota unit %s, not %s",
                              subscription.quotaUnit(),
                              cap.unit());
                        }
                        if (cap.compareTo(subscription.overageUsed()) < 0) {
                          throw TallyException.invalid(
                              "overage_cap %s is below the %s of overage already used this period",
                              cap,
                              subscription.overageUsed());
                        }
                      });
              CustomerBalance balance = Lookups.balance(repos, subscription.orgId());
              command
                  .overageUnitPrice()
                  .ifPresent(price -> balance.requireCurrency(price.currency()));
              Subscription changed =
                  subscription.withOverage(
                      command.allowOverage(), command.overageUnitPrice(), command.overageCap());
              repos.subscriptions().update(changed);
              return changed;
            });
  }

  @Override
  public QuotaCheck checkQuota(SubscriptionId id, Quantity amount) {
    QuotaReads.Read read =
        quotaReads
            .flatMap(reads -> reads.cached(id))
            .orElseGet(() -> env.unitOfWork().inTransaction(repos -> readForCheck(repos, id)));
    Subscription subscription = read.subscription();
    if (!amount.unit().equals(subscription.quotaUnit())) {
      throw TallyException.invalid(
          "subscription %s counts quota in %s, not %s", id, subscription.quotaUnit(), amount.unit());
    }
    Instant now = env.now();
    Subscription judged = asAUseWouldSee(subscription, now);
    // a use is refused first of all when its customer is suspended; so is a check
    Optional<String> refusal =
        read.customerSuspended()
            ? Optional.of("customer " + subscription.orgId() + " is suspended")
            : refusalOf(judged, amount, now);
    return new QuotaCheck(
        id,
        amount,
        judged.quotaTotal(),
        judged.quotaUsed(),
        judged.remainingQuota(),
        judged.allowsOverage(),
        judged.allowsOverage() ? judged.overageHeadroom() : Optional.empty(),
        refusal.isEmpty(),
        refusal);
  }

  /** What a quota check reads, through the in-memory reads when this process has them. */
  private QuotaReads.Read readForCheck(Repositories repos, SubscriptionId id) {
    Optional<QuotaReads.Read> read =
        quotaReads.isPresent()
            ? quotaReads.get().find(repos, id)
            : QuotaReads.fromStorage(repos, id);
    return read.orElseThrow(() -> TallyException.notFound("subscription", id));
  }

  /**
   * The subscription as a use now would find it: an ended auto-renewing one in the period it would
   * renew into, with fresh quota.
   */
  private static Subscription asAUseWouldSee(Subscription subscription, Instant now) {
    if (subscription.status() == SubscriptionStatus.ACTIVE
        && subscription.isExpiredAt(now)
        && subscription.autoRenew()) {
      return subscription.renewedFrom(Renewals.continuationStart(subscription, now));
    }
    return subscription;
  }

  /** Why a use of {@code amount} would be refused now; empty when it would be accepted. */
  private static Optional<String> refusalOf(
      Subscription subscription, Quantity amount, Instant now) {
    if (subscription.status() != SubscriptionStatus.ACTIVE) {
      return Optional.of("subscription is " + subscription.status().code());
    }
    if (subscription.isExpiredAt(now)) {
      return Optional.of("subscription ended at " + subscription.periodEnd());
    }
    if (subscription.billingMode() == BillingMode.PAY_PER_USE) {
      return Optional.empty();
    }
    try {
      QuotaSplit split = subscription.split(amount);
      // an overage charge at the subscription's own price must fit the usage log, as in a use
      subscription
          .overageUnitPrice()
          .filter(price -> split.hasOverage())
          .ifPresent(price -> MeteringService.recordable(price.times(split.overage()), "charge"));
      return Optional.empty();
    } catch (TallyException refused) {
      return Optional.of(refused.getMessage());
    }
  }

  @Override
  public DueReport processDue() {
    int renewed = 0;
    int expired = 0;
    while (true) {
      Instant now = env.now();
      List<Subscription> ended =
          env.unitOfWork().inTransaction(repos -> repos.subscriptions().findEnded(now, DUE_BATCH));
      if (ended.isEmpty()) {
        return new DueReport(renewed, expired);
      }
      for (Subscription subscription : ended) {
        switch (processEnded(subscription.id(), now)) {
          case RENEWED -> renewed++;
          case EXPIRED -> expired++;
          case UNCHANGED -> {}
        }
      }
    }
  }

  private enum DueOutcome {
    RENEWED,
    EXPIRED,
    /** Someone else renewed, cancelled or suspended it meanwhile. */
    UNCHANGED
  }

  /** Renews one ended subscription if it auto-renews and its fee can be paid, else expires it. */
  private DueOutcome processEnded(SubscriptionId id, Instant now) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              CustomerBalance balance =
                  Lookups.lockedBalance(repos, Lookups.subscription(repos, id).orgId());
              Subscription subscription = Lookups.lockedSubscription(repos, id);
              if (subscription.status() != SubscriptionStatus.ACTIVE
                  || !subscription.isExpiredAt(now)) {
                return DueOutcome.UNCHANGED;
              }
              if (subscription.autoRenew() && canPay(balance, subscription.fee())) {
                renewals.renew(
                    repos,
                    subscription,
                    balance,
                    Renewals.continuationStart(subscription, now),
                    now);
                return DueOutcome.RENEWED;
              }
              Renewals.expire(repos, subscription);
              return DueOutcome.EXPIRED;
            });
  }

  private static boolean canPay(CustomerBalance balance, Money fee) {
    return fee.isZero()
        || (!balance.isSuspended() && balance.available().compareTo(fee) >= 0);
  }
}
