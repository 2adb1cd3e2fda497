package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaSplit;
import dev.tally.core.model.Reference;
import dev.tally.core.model.Rounding;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.UseResult;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.Refund;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.StorageUnavailableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metering: {@code product_use} and what reads the usage log. A use finds the subscription
 * (renewing it when it auto-renews), consumes quota and overage, prices the charged part, chooses
 * the supplier, writes the usage row, moves the balance and posts the ledger; a refusal anywhere
 * leaves nothing behind. The catalogue comes from the in-process {@link CatalogueCache}.
 *
 * <p>With group commit on, concurrent uses (and the items of {@link #useAll}) are applied in
 * groups, one unit of work per group (see {@link GroupCommit} and {@link BatchedRepositories}), the
 * groups of different customers in parallel lanes (see {@link UseLanes}): each use runs the same
 * steps in arrival order against the group's running state, so it gets the result it would get
 * alone; a refused use leaves its neighbours standing; when the group's unit of work fails as a
 * whole, each of its uses is applied again alone, so that the failure reaches only the callers it
 * belongs to, unless the database itself is unavailable, which fails every use of the group at
 * once. Idempotency across groups, lanes and servers rests, as for a lone use, on the balance lock
 * and on the storage's unique source ref.
 */
final class MeteringService implements Metering {
  private final Environment env;
  private final Bookkeeper bookkeeper;
  private final Renewals renewals;
  private final ReadThroughCache<PricingProgramId, PricingProgram> programs;
  private final CatalogueCache catalogue;
  private final Optional<UseLanes<UseResult>> lanes;
  // counted over all lanes
  private final AtomicLong groups = new AtomicLong();
  private final AtomicLong groupedUses = new AtomicLong();
  private final AtomicLong groupsAppliedAlone = new AtomicLong();

  MeteringService(
      Environment env,
      Bookkeeper bookkeeper,
      Renewals renewals,
      ReadThroughCache<PricingProgramId, PricingProgram> programs,
      CatalogueCache catalogue) {
    this.env = env;
    this.bookkeeper = bookkeeper;
    this.renewals = renewals;
    this.programs = programs;
    this.catalogue = catalogue;
    GroupCommitSettings grouping = env.settings().groupCommit();
    this.lanes =
        grouping.enabled()
            ? Optional.of(new UseLanes<>(grouping, this::applyGroup))
            : Optional.empty();
  }

  @Override
  public UseResult use(UseCommand command) {
    if (lanes.isPresent()) {
      return lanes.get().submitAll(List.of(command)).get(0).get();
    }
    return useAlone(command);
  }

  @Override
  public List<UseOutcome> useAll(List<UseCommand> commands) {
    List<GroupCommit.Outcome<UseResult>> attempts =
        lanes.isPresent() ? lanes.get().submitAll(commands) : attemptEachAlone(commands);
    List<UseOutcome> outcomes = new ArrayList<>(commands.size());
    for (GroupCommit.Outcome<UseResult> attempt : attempts) {
      try {
        outcomes.add(new UseOutcome.Accepted(attempt.get()));
      } catch (TallyException refused) {
        outcomes.add(new UseOutcome.Refused(refused.code(), refused.getMessage()));
      }
    }
    return outcomes;
  }

  /**
   * A use in its own unit of work, applied as a group of one: the group's statements lock and read
   * each kind of row at once and write each table once, which for one use is 8 statements where
   * its steps one by one sent 11 ({@code StatementsPerUseTest}).
   */
  private UseResult useAlone(UseCommand command) {
    return env.unitOfWork()
        .inTransaction(repos -> applyTogether(repos, List.of(command)))
        .get(0)
        .get();
  }

  /**
   * Applies each use in its own unit of work. Once the database is found unavailable, the uses
   * after it fail with that at once: trying each would make the last caller wait the pool's
   * connection timeout once per use before it.
   */
  private List<GroupCommit.Outcome<UseResult>> attemptEachAlone(List<UseCommand> commands) {
    List<GroupCommit.Outcome<UseResult>> outcomes = new ArrayList<>(commands.size());
    Optional<StorageUnavailableException> down = Optional.empty();
    for (UseCommand command : commands) {
      if (down.isPresent()) {
        outcomes.add(new GroupCommit.Failed<>(down.get()));
        continue;
      }
      try {
        outcomes.add(new GroupCommit.Done<>(useAlone(command)));
      } catch (StorageUnavailableException unavailable) {
        down = Optional.of(unavailable);
        outcomes.add(new GroupCommit.Failed<>(unavailable));
      } catch (RuntimeException failure) {
        outcomes.add(new GroupCommit.Failed<>(failure));
      }
    }
    return outcomes;
  }

  /** Applies a group in one unit of work, or each of its uses alone when that fails. */
  private List<GroupCommit.Outcome<UseResult>> applyGroup(List<UseCommand> commands) {
    if (commands.size() > 1) {
      try {
        List<GroupCommit.Outcome<UseResult>> outcomes =
            env.unitOfWork().inTransaction(repos -> applyTogether(repos, commands));
        groups.incrementAndGet();
        groupedUses.addAndGet(commands.size());
        return outcomes;
      } catch (StorageUnavailableException unavailable) {
        // the database, not a use, failed: each use alone would only wait for it again
        return commands.stream()
            .<GroupCommit.Outcome<UseResult>>map(command -> new GroupCommit.Failed<>(unavailable))
            .toList();
      } catch (RuntimeException groupFailed) {
        groupsAppliedAlone.incrementAndGet();
        // the whole unit of work rolled back (a persistent lock conflict, a storage failure, a
        // bug): alone, each use meets only its own failure, if any
      }
    }
    return attemptEachAlone(commands);
  }

  GroupCommitReport groupCommitReport() {
    return new GroupCommitReport(groups.get(), groupedUses.get(), groupsAppliedAlone.get());
  }

  /**
   * Applies each use in arrival order against the group's running state, then writes what the
   * accepted ones changed. A refusal undoes only its own use; any other exception fails the group.
   */
  private List<GroupCommit.Outcome<UseResult>> applyTogether(
      Repositories repos, List<UseCommand> commands) {
    BatchedRepositories batch = new BatchedRepositories(repos, commands);
    List<GroupCommit.Outcome<UseResult>> outcomes = new ArrayList<>(commands.size());
    for (UseCommand command : commands) {
      batch.beginItem();
      try {
        outcomes.add(new GroupCommit.Done<>(use(batch, command, UseFingerprint.of(command))));
        batch.keepItem();
      } catch (TallyException refused) {
        batch.undoItem();
        outcomes.add(new GroupCommit.Failed<>(refused));
      }
    }
    batch.flush();
    return outcomes;
  }

  /** The subscription a use counts against (after any renewal) and the customer's balance. */
  private record Payer(Optional<Subscription> subscription, Optional<CustomerBalance> balance) {}

  private UseResult use(Repositories repos, UseCommand command, String fingerprint) {
    // the balance lock comes first: it orders every use of the customer, retries included
    Optional<CustomerBalance> balance = repos.balances().lock(command.orgId());
    // read after the lock, so that uses and renewals of the customer are in time in the order
    // they hold it: a use never falls before a period it was counted in, nor after one it was not
    Instant now = env.now();
    Optional<UsageRecord> earlier = repos.usage().findBySourceRef(command.sourceRef());
    if (earlier.isPresent()) {
      return replay(earlier.get(), fingerprint);
    }
    balance.ifPresent(CustomerBalance::requireNotSuspended);
    Instant useTime = command.useTime().orElse(now);
    Payer payer = payer(repos, command, balance, useTime, now);
    ProductId productId =
        command.productId().orElseGet(() -> payer.subscription().orElseThrow().productId());
    Product product = catalogue.product(repos, productId);
    requireSellable(product, payer.subscription());
    ProductResource resource = resource(repos, product, command);
    LocalDate bizDate = env.bizDate(useTime);

    Optional<Subscription> quotaSubscription =
        payer
            .subscription()
            .filter(sub -> sub.billingMode() != BillingMode.PAY_PER_USE)
            .filter(sub -> sub.quotaUnit().equals(resource.usedUnit()));
    if (payer.subscription().isEmpty() && resource.billingMode() != BillingMode.PAY_PER_USE) {
      throw TallyException.of(
          ErrorCode.NO_SUBSCRIPTION,
          "org %s has no active subscription to product %s, and resource %s is billed in mode %s"
              + " (only mode 1 is sold per use)",
          command.orgId(),
          productId,
          resource.id(),
          resource.billingMode().code());
    }
    Quantity none = Quantity.zero(command.used().unit());
    QuotaSplit split =
        quotaSubscription.map(sub -> sub.split(command.used())).orElse(new QuotaSplit(none, none));
    BillingMode mode =
        quotaSubscription.map(Subscription::billingMode).orElse(BillingMode.PAY_PER_USE);
    Currency currency =
        payer.balance().map(CustomerBalance::currency).orElse(env.settings().defaultCurrency());
    BigDecimal discount =
        catalogue.discountMultiplier(repos, product.ownerOrgId(), command.orgId());
    Money charge =
        charge(repos, resource, command, quotaSubscription, split, bizDate, currency, discount);
    CustomerBalance payerBalance = payer.balance().orElse(null);
    if (charge.isPositive()) {
      payerBalance = requireCanPay(payer.balance(), resource, charge, command);
    }

    Optional<SupplierLink> supplier =
        SupplierChoice.choose(
            catalogue.supplierLinks(repos, resource.id()),
            supplierOrgId -> catalogue.supplier(repos, supplierOrgId),
            resource,
            command.supplierOrgId());
    LedgerAmount totalCost =
        supplier
            .map(
                link ->
                    LedgerAmount.rounded(
                        recordable(link.unitCost().times(command.used()), "cost"),
                        link.unitCost().currency()))
            .orElse(LedgerAmount.zero(currency));
    UsageRecord usage =
        new UsageRecord(
            UsageId.of(env.newId()),
            productId,
            payer.subscription().map(Subscription::id),
            command.userId(),
            command.orgId(),
            resource.id(),
            supplier.map(SupplierLink::supplierOrgId),
            resource.resourceType(),
            resource.resourceRefId(),
            command.used(),
            supplier.map(SupplierLink::unitCost),
            totalCost,
            charge,
            discount,
            mode,
            command.sourceRef(),
            split.inQuota(),
            split.overage(),
            useTime,
            bizDate,
            now,
            fingerprint);
    repos.usage().insert(usage);
    quotaSubscription.ifPresent(sub -> repos.subscriptions().update(sub.consumed(split)));
    Reference reference = Reference.usage(usage.id());
    String memo = resource.resourceType().code() + " " + resource.resourceRefId();
    if (charge.isPositive()) {
      bookkeeper.postForCustomer(
          repos,
          Posting.transfer(
              Operation.PAY,
              reference,
              memo,
              AccountId.customer(command.orgId()),
              AccountId.revenue(product.ownerOrgId()),
              charge.toLedger()),
          payerBalance,
          now);
    }
    if (supplier.isPresent() && !totalCost.isZero()) {
      bookkeeper.post(
          repos,
          AccountId.customer(command.orgId()),
          Posting.transfer(
              Operation.PAY_COST,
              reference,
              memo,
              AccountId.cost(product.ownerOrgId()),
              AccountId.payable(supplier.get().supplierOrgId()),
              totalCost),
          now);
    }
    return new UseResult(usage, false);
  }

  /** The usage log keeps charges and costs in DECIMAL(15,6): refuses what it cannot hold. */
  static BigDecimal recordable(BigDecimal amount, String what) {
    BigDecimal whole = amount.setScale(0, Rounding.MODE);
    if (whole.precision() > Rounding.USAGE_AMOUNT_INTEGER_DIGITS) {
      throw TallyException.of(
          ErrorCode.AMOUNT_OUT_OF_RANGE,
          "this use is too large to record: its %s would be %s; split it into smaller uses",
          what,
          amount.toPlainString());
    }
    return amount;
  }

  private static UseResult replay(UsageRecord earlier, String fingerprint) {
    if (!earlier.requestHash().equals(fingerprint)) {
      throw TallyException.of(
          ErrorCode.IDEMPOTENCY_CONFLICT,
          "source ref %s was already used by another request (usage %s); a retry must repeat"
              + " the original request exactly",
          earlier.sourceRef(),
          earlier.id());
    }
    return new UseResult(earlier, true);
  }

  /**
   * The subscription the use counts against: the one named, or the org's current one for the
   * product. An ended subscription that auto-renews is renewed here (its fee charged in this unit
   * of work); one that does not is refused when named and ignored when looked up, so that a
   * pay-per-use resource falls back to charging per use.
   */
  private Payer payer(
      Repositories repos,
      UseCommand command,
      Optional<CustomerBalance> balance,
      Instant useTime,
      Instant now) {
    Optional<Subscription> found;
    if (command.subscriptionId().isPresent()) {
      Subscription named = Lookups.lockedSubscription(repos, command.subscriptionId().get());
      if (!named.orgId().equals(command.orgId())
          || !command.productId().map(named.productId()::equals).orElse(true)) {
        throw TallyException.invalid(
            "subscription %s belongs to org %s and product %s, not to this use",
            named.id(),
            named.orgId(),
            named.productId());
      }
      found = Optional.of(named);
    } else {
      found = repos.subscriptions().lockCurrent(command.orgId(), command.productId().get());
    }
    if (found.isEmpty()) {
      return new Payer(Optional.empty(), balance);
    }
    Subscription subscription = found.get();
    if (subscription.status() != SubscriptionStatus.ACTIVE) {
      throw TallyException.of(
          ErrorCode.SUBSCRIPTION_INACTIVE,
          "subscription %s is %s",
          subscription.id(),
          subscription.status().code());
    }
    CustomerBalance payerBalance = balance.orElse(null);
    if (subscription.isExpiredAt(now)) {
      if (!subscription.autoRenew()) {
        if (command.subscriptionId().isPresent()) {
          throw Renewals.ended(subscription, " and does not auto-renew");
        }
        return new Payer(Optional.empty(), balance);
      }
      Renewals.Renewed renewed = renewEnded(repos, subscription, balance, now);
      subscription = renewed.subscription();
      payerBalance = renewed.balance();
    }
    if (!subscription.isWithinPeriod(useTime)) {
      throw TallyException.of(
          ErrorCode.OUTSIDE_PERIOD,
          "use_time %s is outside the period of subscription %s [%s, %s)",
          useTime,
          subscription.id(),
          subscription.periodStart(),
          subscription.periodEnd());
    }
    return new Payer(Optional.of(subscription), Optional.ofNullable(payerBalance));
  }

  /** Auto-renews an ended subscription in the use's unit of work, or refuses the use. */
  private Renewals.Renewed renewEnded(
      Repositories repos,
      Subscription subscription,
      Optional<CustomerBalance> balance,
      Instant now) {
    CustomerBalance current =
        balance.orElseThrow(() -> Renewals.ended(subscription, "; the customer has no balance"));
    try {
      return renewals.renew(
          repos, subscription, current, Renewals.continuationStart(subscription, now), now);
    } catch (TallyException unpaid) {
      throw Renewals.ended(subscription, " and its renewal failed: " + unpaid.getMessage());
    }
  }

  private static void requireSellable(Product product, Optional<Subscription> subscription) {
    boolean sellable =
        subscription.isPresent() ? product.status() != ProductStatus.DRAFT : product.isOnSale();
    if (!sellable) {
      throw TallyException.of(
          ErrorCode.INVALID_STATE,
          "product %s is %s and cannot be used%s",
          product.id(),
          product.status().code(),
          subscription.isPresent() ? "" : " without a subscription");
    }
  }

  /** The resource the use names, or the product's only active one. */
  private ProductResource resource(Repositories repos, Product product, UseCommand command) {
    ProductResource resource;
    if (command.resourceId().isPresent()) {
      resource = catalogue.resource(repos, command.resourceId().get());
      if (!resource.productId().equals(product.id())
          || !command.resourceType().map(resource.resourceType()::equals).orElse(true)) {
        throw TallyException.invalid(
            "resource %s is %s of product %s, not what this use names",
            resource.id(),
            resource.resourceType().code(),
            resource.productId());
      }
      if (!resource.isActive()) {
        throw TallyException.of(
            ErrorCode.RESOURCE_INACTIVE, "resource %s is unbound from its product", resource.id());
      }
    } else {
      List<ProductResource> candidates =
          catalogue.resourcesOf(repos, product.id()).stream()
              .filter(ProductResource::isActive)
              .filter(r -> command.resourceType().map(r.resourceType()::equals).orElse(true))
              .toList();
      if (candidates.isEmpty()) {
        throw TallyException.of(
            ErrorCode.RESOURCE_INACTIVE,
            "product %s has no active %sresource",
            product.id(),
            command.resourceType().map(type -> type.code() + " ").orElse(""));
      }
      if (candidates.size() > 1) {
        throw TallyException.of(
            ErrorCode.RESOURCE_AMBIGUOUS,
            "product %s has %s active %sresources; name the product_resource_id",
            product.id(),
            candidates.size(),
            command.resourceType().map(type -> type.code() + " ").orElse(""));
      }
      resource = candidates.get(0);
    }
    if (!resource.usedUnit().equals(command.used().unit())) {
      throw TallyException.invalid(
          "resource %s is metered in %s, not %s",
          resource.id(),
          resource.usedUnit(),
          command.used().unit());
    }
    return resource;
  }

  /**
   * What the balance is charged: the whole sell price per use, nothing within quota, and the
   * overage part at the overage unit price or its share of the sell price; each times the
   * customer's {@code discount}, rounded once.
   */
  private Money charge(
      Repositories repos,
      ProductResource resource,
      UseCommand command,
      Optional<Subscription> quotaSubscription,
      QuotaSplit split,
      LocalDate bizDate,
      Currency currency,
      BigDecimal discount) {
    Money charge;
    if (quotaSubscription.isEmpty()) {
      charge =
          SellPrice.of(repos, programs, resource, command, bizDate).discounted(discount).rounded();
    } else if (!split.hasOverage()) {
      return Money.zero(currency);
    } else if (quotaSubscription.get().overageUnitPrice().isPresent()) {
      UnitPrice overagePrice = quotaSubscription.get().overageUnitPrice().get();
      charge =
          Money.rounded(
              recordable(overagePrice.times(split.overage()).multiply(discount), "charge"),
              overagePrice.currency());
    } else {
      charge =
          SellPrice.of(repos, programs, resource, command, bizDate)
              .discounted(discount)
              .shareOf(split.overage(), command.used());
    }
    if (!charge.currency().equals(currency)) {
      throw TallyException.of(
          ErrorCode.CURRENCY_MISMATCH,
          "customer %s is billed in %s but resource %s is priced in %s",
          command.orgId(),
          currency,
          resource.id(),
          charge.currency());
    }
    return charge;
  }

  private static CustomerBalance requireCanPay(
      Optional<CustomerBalance> balance, ProductResource resource, Money charge, UseCommand command) {
    CustomerBalance payer =
        balance.orElseThrow(
            () ->
                TallyException.of(
                    ErrorCode.INSUFFICIENT_BALANCE,
                    "customer %s has no balance to pay %s; recharge it first",
                    command.orgId(),
                    charge));
    payer.requireCanPay(charge, "a use of resource " + resource.id());
    if (resource.minBalance().isPresent()
        && payer.available().compareTo(resource.minBalance().get()) <= 0) {
      throw TallyException.of(
          ErrorCode.INSUFFICIENT_BALANCE,
          "resource %s is used only while more than %s is available; customer %s has %s",
          resource.id(),
          resource.minBalance().get(),
          command.orgId(),
          payer.available());
    }
    return payer;
  }

  @Override
  public UsageRecord usage(UsageId id) {
    return env.unitOfWork()
        .inTransaction(
            repos ->
                repos.usage().find(id).orElseThrow(() -> TallyException.notFound("usage", id)));
  }

  @Override
  public Page<UsageRecord> usage(UsageQuery query, PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.usage().list(query, page));
  }

  @Override
  public List<UsageStats> statistics(StatsQuery query) {
    return env.unitOfWork().inTransaction(repos -> repos.usage().statistics(query));
  }

  @Override
  public LedgerTransaction refund(Refund command) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              UsageRecord usage =
                  repos
                      .usage()
                      .find(command.usageId())
                      .orElseThrow(() -> TallyException.notFound("usage", command.usageId()));
              CustomerBalance balance = Lookups.lockedBalance(repos, usage.orgId());
              balance.requireCurrency(command.amount().currency());
              Reference reference = Reference.usage(usage.id());
              Money refundable = usage.sellPrice().minus(refunded(repos, reference, usage));
              if (command.amount().compareTo(refundable) > 0) {
                throw TallyException.invalid(
                    "usage %s can be refunded at most %s more (charged %s)",
                    usage.id(),
                    refundable,
                    usage.sellPrice());
              }
              Product product = Lookups.product(repos, usage.productId());
              Posting posting =
                  Posting.transfer(
                      Operation.REFUND,
                      reference,
                      command.reason(),
                      AccountId.revenue(product.ownerOrgId()),
                      AccountId.customer(usage.orgId()),
                      command.amount().toLedger());
              return bookkeeper.postForCustomer(repos, posting, balance, now).transaction();
            });
  }

  private static Money refunded(Repositories repos, Reference reference, UsageRecord usage) {
    AccountId customer = AccountId.customer(usage.orgId());
    BigDecimal total =
        repos.ledger().findByReference(reference).stream()
            .filter(tx -> tx.operation() == Operation.REFUND)
            .flatMap(tx -> tx.legs().stream())
            .filter(leg -> leg.account().equals(customer))
            .map(leg -> leg.amount().amount())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new LedgerAmount(total, usage.sellPrice().currency()).toMoney();
  }
}
