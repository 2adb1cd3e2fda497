package dev.tally.core.simulation;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.Reference;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Rounding;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Adjust;
import dev.tally.core.port.in.DueReport;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.Refund;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.port.in.SetDiscount;
import dev.tally.core.port.in.Subscribe;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.GroupCommitSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.testing.TestTally;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One seeded run: a whole Tally over the in-memory store, a fake clock and sequential ids, set up
 * and then driven through random operations, every one of them drawn from {@code new Random(seed)}
 * (no wall clock, no hash ordering), so that a seed always replays the same run.
 *
 * <p>Before each operation the simulation says what it should do: accepted with which effects, or
 * refused with which code (business refusals are expected outcomes). After it, {@link Invariants}
 * compare Tally's state with that and with the simulation's own account of every customer. The
 * first difference fails the run with the seed, the step, the operation and how to replay it. Not
 * thread-safe; one instance per seed.
 */
final class Simulation {
  /** Something done to the world behind Tally's back, to show that the checks notice. */
  interface Sabotage {
    void apply(TestTally tally);
  }

  /** A failed run; its message says how to replay it. */
  static final class Failure extends AssertionError {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private enum Kind {
    USE(40),
    RECHARGE(7),
    ADJUST(4),
    CREDIT_LIMIT(3),
    SUBSCRIBE(7),
    RENEW(2),
    CANCEL(2),
    SUSPEND_SUBSCRIPTION(2),
    RESUME_SUBSCRIPTION(2),
    SUSPEND_CUSTOMER(1),
    RESUME_CUSTOMER(3),
    CHECK_QUOTA(4),
    RESERVE(5),
    SETTLE(3),
    VOID(2),
    CLOCK(8),
    PROCESS_DUE(2),
    EXPIRE_DUE(2),
    REFUND(3),
    DISCOUNT(2);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  private static final int TOTAL_WEIGHT =
      Arrays.stream(Kind.values()).mapToInt(kind -> kind.weight).sum();
  private static final List<UserId> USERS = List.of(UserId.of("user-1"), UserId.of("user-2"));
  private static final int RECENT_STEPS = 15;

  /** Whose discount: a customer org's with a reseller. */
  private record DiscountKey(OrgId reseller, OrgId customer) {}

  /** One accepted (not replayed) use, its request and what has been refunded of it. */
  private static final class AcceptedUse {
    final UseCommand command;
    final UsageRecord usage;
    BigDecimal refunded = BigDecimal.ZERO;

    AcceptedUse(UseCommand command, UsageRecord usage) {
      this.command = command;
      this.usage = usage;
    }
  }

  private final long seed;
  private final int operations;
  private final int sabotageStep;
  private final Sabotage sabotage;
  private final boolean trace;
  private final Random random;
  // odd seeds commit uses in groups, even seeds one by one
  private final boolean grouped;
  private final TestTally tally;
  private final TallyCore core;
  private final OperationCounts counts = new OperationCounts();
  private final Deque<String> recent = new ArrayDeque<>();
  private long journal = 17;
  private final Map<OrgId, Customer> customers = new LinkedHashMap<>();
  private final List<OrgId> orgs = new ArrayList<>();
  private final List<HoldId> holdIds = new ArrayList<>();
  private final Map<SourceRef, AcceptedUse> acceptedByRef = new LinkedHashMap<>();
  private final List<AcceptedUse> acceptedUses = new ArrayList<>();
  private final List<UseCommand> refusedUses = new ArrayList<>();
  private Catalogue catalogue;
  private UseModel useModel;
  private final Map<DiscountKey, BigDecimal> discounts = new HashMap<>();
  private long references;
  private int step;
  private String operation = "setup";
  private State before;
  // what the current step should leave behind
  private Map<SubscriptionId, Subscription> expectedSubscriptions;
  private Map<HoldId, Hold> expectedHolds;
  private long expectedUsageRows;
  private long expectedEntries;
  private boolean unchanged;

  Simulation(long seed, int operations) {
    this(seed, operations, 0, tally -> {}, false);
  }

  /**
   * A run that applies {@code sabotage} right after the operation of step {@code sabotageStep}
   * (before its checks); {@code trace} prints every step.
   */
  Simulation(long seed, int operations, int sabotageStep, Sabotage sabotage, boolean trace) {
    this.seed = seed;
    this.operations = operations;
    this.sabotageStep = sabotageStep;
    this.sabotage = sabotage;
    this.trace = trace;
    this.random = new Random(seed);
    this.grouped = seed % 2 != 0;
    this.tally =
        TestTally.create(
            CoreSettings.DEFAULTS.withGroupCommit(
                grouped ? GroupCommitSettings.DEFAULTS : GroupCommitSettings.OFF));
    this.core = tally.core();
  }

  /**
   * A digest of every step run so far (what it did and how it ended), to tell whether two runs went
   * the same way.
   */
  long journal() {
    return journal;
  }

  /** What the steps run so far did. */
  OperationCounts counts() {
    return counts;
  }

  /** Runs every step; returns the counts, or throws {@link Failure}. */
  OperationCounts run() {
    try {
      setUp();
      for (step = 1; step <= operations; step++) {
        beginStep();
        perform(nextKind());
        if (step == sabotageStep) {
          sabotage.apply(tally);
        }
        endStep();
      }
      return counts;
    } catch (Failure failure) {
      throw failure;
    } catch (RuntimeException | Error unexpected) {
      throw fail("it threw " + unexpected, unexpected);
    }
  }

  // ---------------------------------------------------------------- set-up and the step cycle

  private void setUp() {
    catalogue = Catalogue.build(core, random);
    useModel = new UseModel(catalogue);
    int count = 4 + random.nextInt(3);
    for (int i = 1; i <= count; i++) {
      OrgId org = OrgId.of("org-" + i);
      orgs.add(org);
      Customer customer = new Customer(org);
      customers.put(org, customer);
      if (i == 1 || random.nextInt(100) < 85) {
        BigDecimal amount = amount(random.nextInt(10) < 3 ? 20 : 800);
        core.balances().recharge(new Recharge(org, money(amount), Optional.empty(), "opening"));
        customer.opened = true;
        customer.move(Operation.RECHARGE, amount);
      }
      if (random.nextBoolean()) {
        BigDecimal limit = amount(100);
        core.balances().setCreditLimit(org, money(limit));
        customer.opened = true;
        customer.creditLimit = limit;
      }
    }
    before = State.read(tally, orgs, holdIds);
    expectedSubscriptions = before.subscriptions();
    expectedHolds = before.holds();
    expectedUsageRows = 0;
    expectedEntries = before.ledgerEntries();
    unchanged = false;
    endStep();
  }

  private void beginStep() {
    expectedSubscriptions = new LinkedHashMap<>(before.subscriptions());
    expectedHolds = new LinkedHashMap<>(before.holds());
    expectedUsageRows = before.usageRows();
    expectedEntries = before.ledgerEntries();
    unchanged = false;
    operation = "?";
  }

  private void endStep() {
    State after = State.read(tally, orgs, holdIds);
    List<String> problems =
        Invariants.check(
            core,
            before,
            after,
            new Invariants.Expected(
                expectedSubscriptions,
                expectedHolds,
                expectedUsageRows,
                expectedEntries,
                unchanged),
            customers);
    if (!problems.isEmpty()) {
      throw fail(String.join("\n  ", problems), null);
    }
    for (CustomerBalance balance : after.balances().values()) {
      if (balance.balance().isNegative()) {
        counts.observed("customer-steps in arrears");
      }
    }
    before = after;
  }

  private Kind nextKind() {
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (Kind kind : Kind.values()) {
      roll -= kind.weight;
      if (roll < 0) {
        return kind;
      }
    }
    throw new AssertionError("weights");
  }

  private void perform(Kind kind) {
    switch (kind) {
      case USE -> use();
      case RECHARGE -> recharge();
      case ADJUST -> adjust();
      case CREDIT_LIMIT -> creditLimit();
      case SUBSCRIBE -> subscribe();
      case RENEW -> renew();
      case CANCEL -> cancel();
      case SUSPEND_SUBSCRIPTION -> suspendSubscription();
      case RESUME_SUBSCRIPTION -> resumeSubscription();
      case SUSPEND_CUSTOMER -> suspendCustomer(true);
      case RESUME_CUSTOMER -> suspendCustomer(false);
      case CHECK_QUOTA -> checkQuota();
      case RESERVE -> reserve();
      case SETTLE -> settle();
      case VOID -> voidHold();
      case CLOCK -> advanceClock();
      case PROCESS_DUE -> processDue();
      case EXPIRE_DUE -> expireDue();
      case REFUND -> refund();
      case DISCOUNT -> discount();
    }
  }

  /** Names the operation of this step (for the failure message and the trace). */
  private void describe(String template, Object... args) {
    operation = String.format(Locale.ROOT, template, args);
  }

  /**
   * Runs one call and compares its outcome with the {@code predicted} refusal (empty: accepted). A
   * refusal must leave everything unchanged; anything but a {@link TallyException} fails.
   */
  /**
   * The use, alone; with group commit, sent twice in one group (a retry racing its original),
   * where the second must replay the first or meet the same refusal.
   */
  private UseResult use(UseCommand command) {
    if (!grouped) {
      return core.metering().use(command);
    }
    List<UseOutcome> outcomes = core.metering().useAll(List.of(command, command));
    if (core.groupCommit().groupsAppliedAlone() > 0) {
      throw fail("a group's unit of work failed, so its uses were applied alone", null);
    }
    if (outcomes.get(0) instanceof UseOutcome.Refused refused) {
      if (!(outcomes.get(1) instanceof UseOutcome.Refused again) || again.code() != refused.code()) {
        throw fail("a retry in the same group was not refused like its original: " + outcomes, null);
      }
      throw TallyException.of(refused.code(), "%s", refused.message());
    }
    UseResult first = ((UseOutcome.Accepted) outcomes.get(0)).result();
    if (!(outcomes.get(1) instanceof UseOutcome.Accepted retry)
        || !retry.result().replayed()
        || !retry.result().usage().equals(first.usage())) {
      throw fail("a retry in the same group did not replay its original: " + outcomes, null);
    }
    return first;
  }

  private <T> Optional<T> attempt(String kind, Optional<ErrorCode> predicted, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (TallyException refused) {
      counts.refused(kind, refused.code().code());
      note("refused " + refused.code().code());
      unchanged = true;
      if (predicted.isEmpty()) {
        throw fail(
            "refused with "
                + refused.code()
                + " ("
                + refused.getMessage()
                + ") but it should have been accepted",
            refused);
      }
      if (refused.code() != predicted.get()) {
        throw fail(
            "refused with "
                + refused.code()
                + " ("
                + refused.getMessage()
                + ") but the"
                + " refusal should have been "
                + predicted.get(),
            refused);
      }
      return Optional.empty();
    } catch (RuntimeException unexpected) {
      throw fail("threw " + unexpected + ", which is not a business refusal", unexpected);
    }
    counts.accepted(kind);
    note("accepted");
    if (predicted.isPresent()) {
      throw fail(
          "was accepted (" + result + ") but should have been refused with " + predicted.get(),
          null);
    }
    return Optional.of(result);
  }

  private void note(String outcome) {
    String line = step + ": " + operation + " -> " + outcome;
    journal = 31 * journal + line.hashCode();
    recent.addLast(line);
    if (recent.size() > RECENT_STEPS) {
      recent.removeFirst();
    }
    if (trace) {
      System.out.println("seed " + seed + " step " + line);
    }
  }

  private Failure fail(String what, Throwable cause) {
    StringBuilder message =
        new StringBuilder()
            .append("simulation seed ")
            .append(seed)
            .append(" failed at step ")
            .append(step)
            .append(" of ")
            .append(operations)
            .append(", operation: ")
            .append(operation)
            .append("\n  ")
            .append(what)
            .append(
                "\nreplay it with: mvn -pl core test -Dtest=BillingSimulationTest -Dtally.seed=")
            .append(seed)
            .append(" -Dtally.simulation.operations=")
            .append(operations)
            .append("\nlast steps:");
    recent.forEach(line -> message.append("\n  ").append(line));
    return new Failure(message.toString(), cause);
  }

  /** Sets a reseller's discount for a customer (0.5 to 1, at up to 6 decimals) or removes it. */
  private void discount() {
    List<OrgId> resellers =
        catalogue.products().stream().map(Product::ownerOrgId).distinct().toList();
    DiscountKey key = new DiscountKey(pick(resellers), randomCustomer().org);
    if (random.nextInt(4) == 0) {
      describe("remove the discount of %s with %s", key.customer(), key.reseller());
      Optional<Boolean> removed =
          attempt(
              "discount.remove",
              discounts.containsKey(key) ? Optional.empty() : Optional.of(ErrorCode.NOT_FOUND),
              () -> {
                core.discounts().remove(key.reseller(), key.customer());
                return true;
              });
      removed.ifPresent(done -> discounts.remove(key));
    } else {
      BigDecimal multiplier = BigDecimal.valueOf(500_000 + random.nextInt(500_001), 6);
      describe("discount %s with %s: x %s", key.customer(), key.reseller(), multiplier);
      attempt(
              "discount.set",
              Optional.empty(),
              () ->
                  core.discounts()
                      .set(new SetDiscount(key.reseller(), key.customer(), multiplier)))
          .ifPresent(set -> discounts.put(key, multiplier));
    }
    unchanged = true;
  }

  // ---------------------------------------------------------------- random values

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private Customer randomCustomer() {
    return customers.get(pick(orgs));
  }

  /** An amount of money from 0.000001 up to {@code max}, at 6 decimals. */
  private BigDecimal amount(int max) {
    return BigDecimal.valueOf(1 + random.nextLong(max * 1_000_000L), Rounding.MONEY_SCALE);
  }

  /** A quantity's amount from 0.0001 up to {@code max}, at 4 decimals. */
  private BigDecimal quantityAmount(int max) {
    return BigDecimal.valueOf(1 + random.nextInt(max * 10_000), Rounding.QUANTITY_SCALE);
  }

  private static Money money(BigDecimal amount) {
    return new Money(amount, Catalogue.CNY);
  }

  private Quantity quantity(Unit unit) {
    if (unit.equals(Catalogue.CALL)) {
      return random.nextInt(5) == 0
          ? new Quantity(quantityAmount(20), unit)
          : Quantity.of(1 + random.nextInt(20), unit);
    }
    return new Quantity(quantityAmount(unit.equals(Catalogue.TOKEN) ? 3000 : 600), unit);
  }

  private Quantity quota(Unit unit) {
    if (unit.equals(Catalogue.CALL)) {
      return Quantity.of(1 + random.nextInt(60), unit);
    }
    return new Quantity(quantityAmount(unit.equals(Catalogue.TOKEN) ? 20_000 : 3000), unit);
  }

  private UnitPrice overagePrice(Unit unit) {
    int max =
        unit.equals(Catalogue.CALL)
            ? 200_000_000
            : unit.equals(Catalogue.TOKEN) ? 1_000_000 : 5_000_000;
    return Catalogue.unitPrice(random, max);
  }

  private BigDecimal heldOf(OrgId org) {
    return Invariants.heldOf(before.holds(), org);
  }

  private Instant now() {
    return before.now();
  }

  private List<Subscription> subscriptions() {
    return List.copyOf(before.subscriptions().values());
  }

  // ---------------------------------------------------------------- balances

  private void recharge() {
    Customer customer = randomCustomer();
    BigDecimal amount = amount(500);
    Optional<String> reference = Optional.empty();
    if (random.nextInt(100) < 35) {
      if (!customer.rechargeReferences.isEmpty() && random.nextBoolean()) {
        String earlier = pick(List.copyOf(customer.rechargeReferences.keySet()));
        reference = Optional.of(earlier);
        if (random.nextInt(4) != 0) {
          amount = customer.rechargeReferences.get(earlier);
        }
      } else {
        reference = Optional.of("pay-" + (++references));
      }
    }
    BigDecimal earlier = reference.map(customer.rechargeReferences::get).orElse(null);
    boolean replay = earlier != null && earlier.compareTo(amount) == 0;
    String kind =
        earlier != null
            ? "recharge.repeated"
            : reference.isPresent() ? "recharge.referenced" : "recharge";
    describe("recharge %s with %s, reference %s", customer.org, amount, reference.orElse("-"));
    Recharge command = new Recharge(customer.org, money(amount), reference, "simulated");
    Optional<CustomerBalance> result =
        attempt(
            kind,
            earlier != null && !replay
                ? Optional.of(ErrorCode.IDEMPOTENCY_CONFLICT)
                : Optional.empty(),
            () -> core.balances().recharge(command));
    if (result.isEmpty()) {
      return;
    }
    if (replay) {
      unchanged = true;
    } else {
      customer.opened = true;
      customer.move(Operation.RECHARGE, amount);
      expectedEntries += 2;
      BigDecimal applied = amount;
      reference.ifPresent(ref -> customer.rechargeReferences.put(ref, applied));
    }
    requireBalance(result.get(), customer);
  }

  private void adjust() {
    Customer customer = randomCustomer();
    BigDecimal amount = random.nextInt(5) == 0 ? amount(1000) : amount(100);
    if (random.nextInt(5) < 2) {
      amount = amount.negate();
    }
    describe("adjust %s by %s", customer.org, amount);
    Optional<ErrorCode> predicted = Optional.empty();
    if (!customer.opened) {
      predicted = Optional.of(ErrorCode.NOT_FOUND);
    } else if (amount.signum() < 0
        && customer.available(heldOf(customer.org)).compareTo(amount.negate()) < 0) {
      predicted = Optional.of(ErrorCode.INSUFFICIENT_BALANCE);
    }
    Adjust command = new Adjust(customer.org, money(amount), "simulated correction");
    Optional<CustomerBalance> result =
        attempt("adjust", predicted, () -> core.balances().adjust(command));
    if (result.isPresent()) {
      customer.move(Operation.ADJUST, amount);
      expectedEntries += 2;
      requireBalance(result.get(), customer);
    }
  }

  private void creditLimit() {
    Customer customer = randomCustomer();
    BigDecimal limit = random.nextInt(4) == 0 ? BigDecimal.ZERO : amount(150);
    describe("set the credit limit of %s to %s", customer.org, limit);
    BigDecimal balance = customer.opened ? customer.balance : BigDecimal.ZERO;
    Optional<ErrorCode> predicted =
        balance.add(limit).subtract(heldOf(customer.org)).signum() < 0
            ? Optional.of(ErrorCode.CREDIT_LIMIT_TOO_LOW)
            : Optional.empty();
    Optional<CustomerBalance> result =
        attempt(
            "credit-limit",
            predicted,
            () -> core.balances().setCreditLimit(customer.org, money(limit)));
    if (result.isPresent()) {
      customer.opened = true;
      customer.creditLimit = limit;
      requireBalance(result.get(), customer);
    }
  }

  private void suspendCustomer(boolean suspend) {
    List<Customer> suspended = customers.values().stream().filter(c -> c.suspended).toList();
    Customer customer =
        !suspend && !suspended.isEmpty() && random.nextInt(10) < 7
            ? pick(suspended)
            : randomCustomer();
    describe("%s customer %s", suspend ? "suspend" : "resume", customer.org);
    Optional<CustomerBalance> result =
        attempt(
            suspend ? "customer.suspend" : "customer.resume",
            customer.opened ? Optional.empty() : Optional.of(ErrorCode.NOT_FOUND),
            () ->
                suspend
                    ? core.balances().suspend(customer.org)
                    : core.balances().resume(customer.org));
    if (result.isPresent()) {
      customer.suspended = suspend;
      requireBalance(result.get(), customer);
    }
  }

  private void requireBalance(CustomerBalance returned, Customer customer) {
    if (returned.balance().amount().compareTo(customer.balance) != 0
        || returned.creditLimit().amount().compareTo(customer.creditLimit) != 0) {
      throw fail(
          "returned balance "
              + returned
              + " but the customer should have balance "
              + customer.balance
              + " and credit limit "
              + customer.creditLimit,
          null);
    }
  }

  // ---------------------------------------------------------------- subscriptions

  private void subscribe() {
    Customer customer = randomCustomer();
    Product product = pick(catalogue.products());
    BillingMode mode = random.nextBoolean() ? BillingMode.QUOTA : BillingMode.QUOTA_WITH_OVERAGE;
    Optional<BillingMode> named = random.nextInt(50) == 0 ? Optional.empty() : Optional.of(mode);
    Unit unit = pick(catalogue.resources(product.id())).usedUnit();
    Quantity quota = quota(unit);
    boolean allowOverage =
        mode == BillingMode.QUOTA_WITH_OVERAGE ? random.nextInt(5) != 0 : random.nextInt(30) == 0;
    // overage terms belong to mode 3; now and then a mode-2 subscription asks for them anyway
    boolean overageTerms = mode == BillingMode.QUOTA_WITH_OVERAGE || random.nextInt(30) == 0;
    Optional<UnitPrice> overagePrice =
        overageTerms && random.nextBoolean() ? Optional.of(overagePrice(unit)) : Optional.empty();
    Optional<Quantity> cap =
        overageTerms && random.nextBoolean() ? Optional.of(quota(unit)) : Optional.empty();
    boolean autoRenew = random.nextBoolean();
    int feeRoll = random.nextInt(10);
    Optional<Money> fee =
        feeRoll < 4
            ? Optional.empty()
            : feeRoll == 4 ? Optional.of(money(BigDecimal.ZERO)) : Optional.of(money(amount(60)));
    Period period =
        random.nextBoolean() ? Period.ofMonths(1) : Period.ofDays(1 + random.nextInt(20));
    describe(
        "subscribe %s to %s: mode %s, quota %s, period %s, overage %s at %s cap %s, auto-renew %s,"
            + " fee %s",
        customer.org,
        product.id(),
        named.map(BillingMode::code).orElse("-"),
        quota,
        period,
        allowOverage,
        overagePrice.orElse(null),
        cap.orElse(null),
        autoRenew,
        fee.orElse(null));
    Subscribe command =
        new Subscribe(
            product.id(),
            pick(USERS),
            customer.org,
            named,
            quota,
            period,
            allowOverage,
            overagePrice,
            cap,
            autoRenew,
            fee);

    Instant now = now();
    Money feeAmount = fee.orElse(money(BigDecimal.ZERO));
    Optional<Subscription> current =
        UseModel.current(before.subscriptions().values(), customer.org, product.id());
    boolean retire =
        current.isPresent()
            && current.get().status() == SubscriptionStatus.ACTIVE
            && !now.isBefore(current.get().periodEnd())
            && !current.get().autoRenew();
    Optional<ErrorCode> predicted = Optional.empty();
    if (named.isEmpty()) {
      predicted = Optional.of(ErrorCode.VALIDATION_FAILED); // its resources are in modes 1, 2, 3
    } else if ((allowOverage || overagePrice.isPresent() || cap.isPresent())
        && mode != BillingMode.QUOTA_WITH_OVERAGE) {
      predicted = Optional.of(ErrorCode.INVALID_STATE);
    } else if (current.isPresent() && !retire) {
      predicted = Optional.of(ErrorCode.SUBSCRIPTION_EXISTS);
    } else if (feeAmount.isPositive() && customer.opened && customer.suspended) {
      predicted = Optional.of(ErrorCode.CUSTOMER_SUSPENDED);
    } else if (feeAmount.isPositive()
        && customer.available(heldOf(customer.org)).compareTo(feeAmount.amount()) < 0) {
      predicted = Optional.of(ErrorCode.INSUFFICIENT_BALANCE);
    }
    Optional<Subscription> result =
        attempt("subscribe", predicted, () -> core.subscriptions().subscribe(command));
    if (result.isEmpty()) {
      return;
    }
    Subscription made = result.get();
    Subscription expected =
        new Subscription(
            made.id(),
            product.id(),
            command.userId(),
            customer.org,
            mode,
            quota,
            Quantity.zero(unit),
            now,
            Subscription.periodEndFrom(now, period),
            period,
            allowOverage,
            overagePrice,
            cap,
            Quantity.zero(unit),
            SubscriptionStatus.ACTIVE,
            autoRenew,
            feeAmount,
            now);
    if (!made.equals(expected)) {
      throw fail("subscribed " + made + " but expected " + expected, null);
    }
    customer.opened = true;
    if (retire) {
      expectedSubscriptions.put(
          current.get().id(), current.get().withStatus(SubscriptionStatus.EXPIRED));
    }
    expectedSubscriptions.put(made.id(), made);
    chargeFee(customer, feeAmount);
  }

  private void chargeFee(Customer customer, Money fee) {
    if (fee.isPositive()) {
      customer.move(Operation.SUBSCRIPTION_FEE, fee.amount().negate());
      expectedEntries += 2;
    }
  }

  private void renew() {
    if (before.subscriptions().isEmpty()) {
      subscribe();
      return;
    }
    Subscription subscription = pick(subscriptions());
    Customer customer = customers.get(subscription.orgId());
    describe("renew %s (%s)", subscription.id(), subscription.status());
    Optional<ErrorCode> predicted = Optional.empty();
    if (subscription.status() == SubscriptionStatus.CANCELLED
        || subscription.status() == SubscriptionStatus.SUSPENDED) {
      predicted = Optional.of(ErrorCode.INVALID_STATE);
    } else if (subscription.status() == SubscriptionStatus.EXPIRED
        && UseModel.current(
                before.subscriptions().values(), subscription.orgId(), subscription.productId())
            .isPresent()) {
      // reviving it would give the org two current subscriptions to the product
      predicted = Optional.of(ErrorCode.SUBSCRIPTION_EXISTS);
    } else if (subscription.fee().isPositive() && customer.suspended) {
      predicted = Optional.of(ErrorCode.CUSTOMER_SUSPENDED);
    } else if (customer.available(heldOf(customer.org)).compareTo(subscription.fee().amount())
        < 0) {
      predicted = Optional.of(ErrorCode.INSUFFICIENT_BALANCE);
    }
    Optional<Subscription> result =
        attempt("renew", predicted, () -> core.subscriptions().renew(subscription.id()));
    if (result.isPresent()) {
      Subscription renewed = subscription.renewedFrom(now());
      requireSubscription(result.get(), renewed);
      chargeFee(customer, subscription.fee());
    }
  }

  private void cancel() {
    if (before.subscriptions().isEmpty()) {
      subscribe();
      return;
    }
    Subscription subscription = pick(subscriptions());
    describe("cancel %s (%s)", subscription.id(), subscription.status());
    Optional<Subscription> result =
        attempt("cancel", Optional.empty(), () -> core.subscriptions().cancel(subscription.id()));
    if (result.isPresent()) {
      requireSubscription(result.get(), subscription.withStatus(SubscriptionStatus.CANCELLED));
    }
  }

  private void suspendSubscription() {
    transition(SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED, "subscription.suspend");
  }

  private void resumeSubscription() {
    transition(SubscriptionStatus.SUSPENDED, SubscriptionStatus.ACTIVE, "subscription.resume");
  }

  private void transition(SubscriptionStatus from, SubscriptionStatus to, String kind) {
    if (before.subscriptions().isEmpty()) {
      subscribe();
      return;
    }
    Subscription subscription = pick(subscriptions());
    describe("%s %s (%s)", kind, subscription.id(), subscription.status());
    boolean allowed = subscription.status() == from || subscription.status() == to;
    Optional<Subscription> result =
        attempt(
            kind,
            allowed ? Optional.empty() : Optional.of(ErrorCode.INVALID_STATE),
            () ->
                to == SubscriptionStatus.SUSPENDED
                    ? core.subscriptions().suspend(subscription.id())
                    : core.subscriptions().resume(subscription.id()));
    if (result.isPresent()) {
      requireSubscription(result.get(), subscription.withStatus(to));
    }
  }

  private void requireSubscription(Subscription returned, Subscription expected) {
    if (!returned.equals(expected)) {
      throw fail("returned " + returned + " but expected " + expected, null);
    }
    expectedSubscriptions.put(expected.id(), expected);
  }

  private void checkQuota() {
    if (before.subscriptions().isEmpty()) {
      subscribe();
      return;
    }
    Subscription subscription = pick(subscriptions());
    Quantity amount = quantity(subscription.quotaUnit());
    describe("check_quota %s for %s (%s)", subscription.id(), amount, subscription.status());
    Instant now = now();
    // an ended auto-renewing subscription takes a use by renewing: a use would see the new period
    Subscription seen =
        subscription.status() == SubscriptionStatus.ACTIVE
                && !now.isBefore(subscription.periodEnd())
                && subscription.autoRenew()
            ? subscription.renewedFrom(UseModel.continuationStart(subscription, now))
            : subscription;
    Customer customer = customers.get(subscription.orgId());
    boolean accepted =
        !(customer.opened && customer.suspended)
            && seen.status() == SubscriptionStatus.ACTIVE
            && now.isBefore(seen.periodEnd())
            && fitsQuota(seen, amount);
    Optional<QuotaCheck> result =
        attempt(
            "check-quota",
            Optional.empty(),
            () -> core.subscriptions().checkQuota(subscription.id(), amount));
    unchanged = true;
    if (result.isPresent()) {
      QuotaCheck check = result.get();
      if (check.accepted() != accepted
          || check.refusal().isPresent() == accepted
          || !check.quotaTotal().equals(seen.quotaTotal())
          || !check.quotaUsed().equals(seen.quotaUsed())
          || !check.remaining().equals(seen.remainingQuota())) {
        throw fail(
            String.format(
                Locale.ROOT,
                "check_quota of %s for %s answered accepted=%s (refusal %s, remaining %s) but a use"
                    + " of it would be %s: quota %s, used %s, overage %s (cap %s, used %s), period"
                    + " [%s, %s) %s at %s, auto-renew %s",
                subscription.id(),
                amount,
                check.accepted(),
                check.refusal().orElse("-"),
                check.remaining(),
                accepted ? "accepted" : "refused",
                subscription.quotaTotal(),
                subscription.quotaUsed(),
                subscription.allowsOverage() ? "allowed" : "not allowed",
                subscription.overageCap().map(Object::toString).orElse("none"),
                subscription.overageUsed(),
                subscription.periodStart(),
                subscription.periodEnd(),
                now.isBefore(subscription.periodEnd()) ? "running" : "ended",
                now,
                subscription.autoRenew()),
            null);
      }
    }
  }

  /** Whether the quota and overage terms of {@code subscription} take a use of {@code amount}. */
  private static boolean fitsQuota(Subscription subscription, Quantity amount) {
    BigDecimal remaining =
        subscription
            .quotaTotal()
            .amount()
            .subtract(subscription.quotaUsed().amount())
            .max(BigDecimal.ZERO);
    BigDecimal overage = amount.amount().subtract(amount.amount().min(remaining));
    return overage.signum() == 0
        || (subscription.allowsOverage()
            && subscription
                .overageCap()
                .map(
                    cap ->
                        subscription.overageUsed().amount().add(overage).compareTo(cap.amount())
                            <= 0)
                .orElse(true));
  }

  private void processDue() {
    Instant now = now();
    describe("process due subscriptions at %s", now);
    List<Subscription> ended =
        before.subscriptions().values().stream()
            .filter(s -> s.status() == SubscriptionStatus.ACTIVE && !now.isBefore(s.periodEnd()))
            .sorted(
                Comparator.comparing(Subscription::periodEnd).thenComparing(s -> s.id().value()))
            .toList();
    Map<OrgId, BigDecimal> fees = new LinkedHashMap<>();
    Map<SubscriptionId, Subscription> outcome = new LinkedHashMap<>();
    int renewed = 0;
    for (Subscription subscription : ended) {
      Customer customer = customers.get(subscription.orgId());
      BigDecimal fee = subscription.fee().amount();
      BigDecimal available =
          customer
              .available(heldOf(customer.org))
              .subtract(fees.getOrDefault(customer.org, BigDecimal.ZERO));
      boolean canPay = fee.signum() == 0 || (!customer.suspended && available.compareTo(fee) >= 0);
      if (subscription.autoRenew() && canPay) {
        renewed++;
        fees.merge(customer.org, fee, BigDecimal::add);
        outcome.put(
            subscription.id(),
            subscription.renewedFrom(UseModel.continuationStart(subscription, now)));
      } else {
        outcome.put(subscription.id(), subscription.withStatus(SubscriptionStatus.EXPIRED));
      }
    }
    Optional<DueReport> result =
        attempt("process-due", Optional.empty(), () -> core.subscriptions().processDue());
    if (result.isEmpty()) {
      return;
    }
    if (result.get().renewed() != renewed || result.get().expired() != ended.size() - renewed) {
      throw fail(
          "processDue reported "
              + result.get()
              + "; expected "
              + renewed
              + " renewed and "
              + (ended.size() - renewed)
              + " expired",
          null);
    }
    expectedSubscriptions.putAll(outcome);
    for (int i = 0; i < renewed; i++) {
      counts.observed("subscription renewed by the due sweep");
    }
    for (int i = renewed; i < ended.size(); i++) {
      counts.observed("subscription expired by the due sweep");
    }
    for (Subscription subscription : ended) {
      if (outcome.get(subscription.id()).status() == SubscriptionStatus.ACTIVE) {
        chargeFee(customers.get(subscription.orgId()), subscription.fee());
      }
    }
  }

  // ---------------------------------------------------------------- holds

  private void reserve() {
    Customer customer = randomCustomer();
    Product product = pick(catalogue.products());
    BigDecimal amount = amount(random.nextInt(4) == 0 ? 1000 : 100);
    Duration ttl = Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60));
    describe("hold %s of %s for %s, ttl %s", amount, customer.org, product.id(), ttl);
    Optional<ErrorCode> predicted = Optional.empty();
    if (!customer.opened) {
      predicted = Optional.of(ErrorCode.INSUFFICIENT_BALANCE);
    } else if (customer.suspended) {
      predicted = Optional.of(ErrorCode.CUSTOMER_SUSPENDED);
    } else if (customer.available(heldOf(customer.org)).compareTo(amount) < 0) {
      predicted = Optional.of(ErrorCode.INSUFFICIENT_BALANCE);
    }
    ReserveHold command =
        new ReserveHold(customer.org, pick(USERS), product.id(), money(amount), ttl);
    Optional<Hold> result = attempt("hold.reserve", predicted, () -> core.holds().reserve(command));
    if (result.isEmpty()) {
      return;
    }
    Instant now = now();
    Hold expected =
        new Hold(
            result.get().id(),
            customer.org,
            command.userId(),
            product.id(),
            money(amount),
            HoldStatus.HELD,
            Optional.empty(),
            now,
            now.plus(ttl),
            Optional.empty());
    if (!result.get().equals(expected)) {
      throw fail("reserved " + result.get() + " but expected " + expected, null);
    }
    holdIds.add(expected.id());
    expectedHolds.put(expected.id(), expected);
  }

  private Hold randomHold() {
    List<Hold> open = before.holds().values().stream().filter(Hold::isHeld).toList();
    return !open.isEmpty() && random.nextInt(10) < 7
        ? pick(open)
        : pick(List.copyOf(before.holds().values()));
  }

  private void settle() {
    if (holdIds.isEmpty()) {
      reserve();
      return;
    }
    Hold hold = randomHold();
    int roll = random.nextInt(10);
    BigDecimal held = hold.amount().amount();
    BigDecimal actual =
        roll == 0
            ? BigDecimal.ZERO
            : roll <= 2
                ? held
                : roll == 3
                    ? held.add(amount(5))
                    : BigDecimal.valueOf(
                        random.nextLong(held.unscaledValue().longValueExact() + 1), held.scale());
    describe(
        "settle %s (%s of %s, %s) with %s",
        hold.id(), hold.status(), hold.amount(), hold.expiresAt(), actual);
    Optional<ErrorCode> predicted = Optional.empty();
    if (!hold.isHeld()) {
      predicted = Optional.of(ErrorCode.HOLD_NOT_ACTIVE);
    } else if (!now().isBefore(hold.expiresAt())) {
      predicted = Optional.of(ErrorCode.HOLD_EXPIRED);
    } else if (actual.compareTo(held) > 0) {
      predicted = Optional.of(ErrorCode.VALIDATION_FAILED);
    }
    Optional<Hold> result =
        attempt("hold.settle", predicted, () -> core.holds().settle(hold.id(), money(actual)));
    if (result.isEmpty()) {
      return;
    }
    Hold settled = hold.settled(money(actual), now());
    if (!result.get().equals(settled)) {
      throw fail("settled " + result.get() + " but expected " + settled, null);
    }
    expectedHolds.put(hold.id(), settled);
    if (actual.signum() > 0) {
      customers.get(hold.orgId()).move(Operation.PAY, actual.negate());
      expectedEntries += 2;
      requireTransactions(
          Reference.hold(hold.id()),
          List.of(
              transaction(
                  Operation.PAY,
                  AccountId.customer(hold.orgId()),
                  AccountId.revenue(catalogue.product(hold.productId()).ownerOrgId()),
                  actual)));
    }
  }

  private void voidHold() {
    if (holdIds.isEmpty()) {
      reserve();
      return;
    }
    Hold hold = randomHold();
    describe("void %s (%s of %s)", hold.id(), hold.status(), hold.amount());
    Optional<Hold> result =
        attempt(
            "hold.void",
            hold.isHeld() ? Optional.empty() : Optional.of(ErrorCode.HOLD_NOT_ACTIVE),
            () -> core.holds().voidHold(hold.id()));
    if (result.isPresent()) {
      Hold voided = hold.released(HoldStatus.VOIDED, now());
      if (!result.get().equals(voided)) {
        throw fail("voided " + result.get() + " but expected " + voided, null);
      }
      expectedHolds.put(hold.id(), voided);
    }
  }

  private void expireDue() {
    Instant now = now();
    describe("expire due holds at %s", now);
    List<Hold> due =
        before.holds().values().stream()
            .filter(hold -> hold.isHeld() && !now.isBefore(hold.expiresAt()))
            .toList();
    Optional<Integer> result =
        attempt("hold.expire-due", Optional.empty(), () -> core.holds().expireDue());
    if (result.isEmpty()) {
      return;
    }
    if (result.get() != due.size()) {
      throw fail("expireDue expired " + result.get() + " holds; " + due.size() + " were due", null);
    }
    due.forEach(hold -> expectedHolds.put(hold.id(), hold.released(HoldStatus.EXPIRED, now)));
    due.forEach(hold -> counts.observed("hold expired by the sweep"));
  }

  // ---------------------------------------------------------------- time

  private void advanceClock() {
    int roll = random.nextInt(100);
    Duration jump =
        roll < 50
            ? Duration.ofMinutes(1 + random.nextInt(120))
            : roll < 80
                ? Duration.ofMinutes(120 + random.nextInt(46 * 60))
                : roll < 95
                    ? Duration.ofMinutes(24 * 60 + random.nextInt(9 * 24 * 60))
                    : Duration.ofMinutes(10 * 24 * 60 + random.nextInt(30 * 24 * 60 + 1));
    describe("advance the clock by %s", jump);
    attempt("clock", Optional.empty(), () -> tally.clock().advance(jump));
  }

  // ---------------------------------------------------------------- uses and refunds

  private void use() {
    int roll = random.nextInt(100);
    if (roll < 20 && !acceptedUses.isEmpty()) {
      retry(pick(acceptedUses));
    } else if (roll < 23 && !acceptedUses.isEmpty()) {
      conflict(pick(acceptedUses));
    } else if (roll < 27 && !refusedUses.isEmpty()) {
      UseCommand earlier = pick(refusedUses);
      describe("retry refused %s", describeUse(earlier));
      judge(earlier, "use.retry-refused");
    } else {
      UseCommand command = freshUse();
      describe("use %s", describeUse(command));
      judge(command, "use");
    }
  }

  private UseCommand freshUse() {
    Customer customer = randomCustomer();
    List<Subscription> current =
        before.subscriptions().values().stream()
            .filter(s -> s.orgId().equals(customer.org) && s.isCurrent())
            .toList();
    Product product;
    ProductResource resource;
    Optional<Subscription> aimedAt = Optional.empty();
    if (!current.isEmpty() && random.nextInt(100) < 60) {
      // most uses of a subscriber go to what its subscription counts
      Subscription subscription = pick(current);
      product = catalogue.product(subscription.productId());
      List<ProductResource> counted =
          catalogue.resources(product.id()).stream()
              .filter(r -> r.usedUnit().equals(subscription.quotaUnit()))
              .toList();
      resource = random.nextInt(100) < 80 ? pick(counted) : pick(catalogue.resources(product.id()));
      aimedAt = Optional.of(subscription).filter(s -> resource.usedUnit().equals(s.quotaUnit()));
    } else {
      product = pick(catalogue.products());
      List<ProductResource> all = catalogue.resources(product.id());
      resource = random.nextBoolean() ? all.get(0) : pick(all); // the first is pay-per-use
    }
    List<Subscription> ofProduct =
        before.subscriptions().values().stream()
            .filter(s -> s.orgId().equals(customer.org) && s.productId().equals(product.id()))
            .toList();
    Optional<SubscriptionId> subscription =
        !ofProduct.isEmpty() && random.nextInt(100) < 15
            ? Optional.of(pick(ofProduct).id())
            : Optional.empty();
    int naming = random.nextInt(100);
    Optional<ResourceType> type =
        naming < 72 ? Optional.of(resource.resourceType()) : Optional.empty();
    Optional<ProductResourceId> resourceId =
        naming >= 65 && naming < 97 ? Optional.of(resource.id()) : Optional.empty();
    Quantity used = quantity(resource.usedUnit());
    if (aimedAt.isPresent() && random.nextInt(100) < 30) {
      // around what is left of the quota, to cross its boundary now and then
      BigDecimal left = aimedAt.get().remainingQuota().amount();
      BigDecimal scaled =
          left.multiply(BigDecimal.valueOf(50 + random.nextInt(101), 2))
              .setScale(4, RoundingMode.HALF_UP);
      used = new Quantity(scaled.max(new BigDecimal("0.0001")), resource.usedUnit());
    } else if (random.nextInt(100) < 5) {
      used = new Quantity(used.amount().multiply(BigDecimal.valueOf(20)), resource.usedUnit());
    }
    Map<String, BigDecimal> usage = Map.of();
    Map<String, String> attributes = Map.of();
    if (resource.pricingProgramId().isPresent() && random.nextInt(100) < 85) {
      int prompt = random.nextInt(4000);
      int completion = random.nextInt(2000);
      if (prompt + completion == 0) {
        prompt = 1;
      }
      usage =
          Map.of(
              "prompt_tokens", BigDecimal.valueOf(prompt),
              "completion_tokens", BigDecimal.valueOf(completion));
      used = Quantity.of(prompt + completion, resource.usedUnit());
      attributes = Map.of("model", pick(Catalogue.MODELS));
    }
    int supplierRoll = random.nextInt(100);
    List<OrgId> linked = catalogue.linkedSuppliers(resource.id());
    Optional<OrgId> supplier =
        supplierRoll < 5 && !linked.isEmpty()
            ? Optional.of(pick(linked))
            : supplierRoll < 7 ? Optional.of(pick(catalogue.suppliers())) : Optional.empty();
    int timing = random.nextInt(100);
    Optional<Instant> useTime =
        timing < 10
            ? Optional.of(now().minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))))
            : timing < 13
                ? Optional.of(now().plus(Duration.ofMinutes(1 + random.nextInt(60))))
                : Optional.empty();
    SourceRef sourceRef =
        SourceRef.of(random.nextBoolean() ? "llm_request" : "api_call", "req-" + (++references));
    return new UseCommand(
        Optional.of(product.id()),
        subscription,
        pick(USERS),
        customer.org,
        type,
        resourceId,
        used,
        usage,
        attributes,
        supplier,
        sourceRef,
        useTime);
  }

  private static String describeUse(UseCommand use) {
    return String.format(
        Locale.ROOT,
        "%s of %s by %s/%s: %s%s%s%s%s%s%s",
        use.sourceRef(),
        use.productId().map(Object::toString).orElse("-"),
        use.orgId(),
        use.userId(),
        use.used(),
        use.resourceType().map(type -> ", type " + type.code()).orElse(""),
        use.resourceId().map(id -> ", resource " + id).orElse(""),
        use.subscriptionId().map(id -> ", subscription " + id).orElse(""),
        use.usage().isEmpty() ? "" : ", usage " + use.usage() + " " + use.attributes(),
        use.supplierOrgId().map(org -> ", supplier " + org).orElse(""),
        use.useTime().map(time -> ", at " + time).orElse(""));
  }

  /** A retry of an accepted use with the identical request: replayed, nothing charged. */
  private void retry(AcceptedUse earlier) {
    describe("retry %s", describeUse(earlier.command));
    Optional<UseResult> result =
        attempt("use.retry", Optional.empty(), () -> core.metering().use(earlier.command));
    unchanged = true;
    if (result.isPresent()
        && (!result.get().replayed() || !result.get().usage().equals(earlier.usage))) {
      throw fail(
          "a retry returned " + result.get() + " instead of replaying " + earlier.usage, null);
    }
  }

  /** Another request under an accepted use's source ref: an idempotency conflict. */
  private void conflict(AcceptedUse earlier) {
    UseCommand first = earlier.command;
    Quantity more =
        new Quantity(first.used().amount().add(new BigDecimal("0.0001")), first.used().unit());
    UseCommand other =
        new UseCommand(
            first.productId(),
            first.subscriptionId(),
            first.userId(),
            first.orgId(),
            first.resourceType(),
            first.resourceId(),
            more,
            first.usage(),
            first.attributes(),
            first.supplierOrgId(),
            first.sourceRef(),
            first.useTime());
    describe("reuse the source ref of %s for %s", describeUse(first), more);
    attempt(
        "use.conflict",
        Optional.of(ErrorCode.IDEMPOTENCY_CONFLICT),
        () -> core.metering().use(other));
  }

  /** A use judged afresh: predicted by the {@link UseModel}, then checked in every detail. */
  private void judge(UseCommand command, String kind) {
    Customer customer = customers.get(command.orgId());
    Instant now = now();
    OrgId reseller = catalogue.product(command.productId().orElseThrow()).ownerOrgId();
    BigDecimal discount =
        discounts.getOrDefault(new DiscountKey(reseller, command.orgId()), BigDecimal.ONE);
    UseModel.Forecast forecast =
        useModel.forecast(
            command, before.subscriptions(), customer, heldOf(customer.org), discount, now);
    Optional<ErrorCode> predicted =
        forecast instanceof UseModel.Refused refused
            ? Optional.of(refused.code())
            : Optional.empty();
    if (forecast instanceof UseModel.Refused refused) {
      operation = operation + " [expected refusal: " + refused.why() + "]";
    }
    Optional<UseResult> result = attempt(kind, predicted, () -> use(command));
    if (result.isEmpty()) {
      if (!refusedUses.contains(command)) {
        refusedUses.add(command);
      }
      return;
    }
    refusedUses.remove(command);
    UseModel.Accepted expected = (UseModel.Accepted) forecast;
    observe(expected);
    UseResult accepted = result.get();
    UsageRecord usage = accepted.usage();
    UsageRecord shouldBe =
        new UsageRecord(
            usage.id(),
            command.productId().orElseThrow(),
            expected.payer().map(Subscription::id),
            command.userId(),
            command.orgId(),
            expected.resource().id(),
            expected.supplier().map(Catalogue.Link::supplier),
            expected.resource().resourceType(),
            expected.resource().resourceRefId(),
            command.used(),
            expected.supplier().map(Catalogue.Link::unitCost),
            expected.totalCost(),
            expected.charge(),
            discount,
            expected.mode(),
            command.sourceRef(),
            expected.inQuota(),
            expected.overage(),
            expected.useTime(),
            expected.bizDate(),
            now,
            usage.requestHash());
    if (accepted.replayed() || !usage.equals(shouldBe)) {
      throw fail(
          "the use was recorded as " + accepted + "\n  but should have been " + shouldBe, null);
    }
    AcceptedUse record = new AcceptedUse(command, usage);
    acceptedByRef.put(command.sourceRef(), record);
    acceptedUses.add(record);
    expectedUsageRows++;
    if (expected.renewed()) {
      chargeFee(customer, expected.payer().orElseThrow().fee());
      expectedSubscriptions.put(expected.payer().get().id(), expected.payer().get());
    }
    expected.after().ifPresent(after -> expectedSubscriptions.put(after.id(), after));
    Product product = catalogue.product(usage.productId());
    List<String> transactions = new ArrayList<>();
    if (expected.charge().isPositive()) {
      customer.move(Operation.PAY, expected.charge().amount().negate());
      expectedEntries += 2;
      transactions.add(
          transaction(
              Operation.PAY,
              AccountId.customer(customer.org),
              AccountId.revenue(product.ownerOrgId()),
              expected.charge().amount()));
    }
    if (expected.supplier().isPresent() && !expected.totalCost().isZero()) {
      expectedEntries += 2;
      transactions.add(
          transaction(
              Operation.PAY_COST,
              AccountId.cost(product.ownerOrgId()),
              AccountId.payable(expected.supplier().get().supplier()),
              expected.totalCost().amount()));
    }
    requireTransactions(Reference.usage(usage.id()), transactions);
  }

  private void observe(UseModel.Accepted use) {
    if (use.resource().pricingProgramId().isPresent()) {
      counts.observed("use priced by the programme");
    }
    if (use.renewed()) {
      counts.observed("use renewing its subscription");
    }
    if (use.payer().isPresent() && use.after().isEmpty()) {
      counts.observed("use charged per use beside a subscription in another unit");
    }
    if (use.after().isEmpty()) {
      counts.observed("use charged per use");
    } else if (use.overage().isZero()) {
      counts.observed("use within quota");
    } else {
      counts.observed(
          use.inQuota().isZero() ? "use wholly in overage" : "use split across the quota boundary");
      if (use.payer().orElseThrow().overageUnitPrice().isEmpty()) {
        counts.observed("overage at the resource's price");
      }
    }
    if (use.charge().isZero()) {
      counts.observed("use charged nothing");
    }
  }

  private void refund() {
    if (acceptedUses.isEmpty()) {
      use();
      return;
    }
    List<AcceptedUse> charged =
        acceptedUses.stream().filter(use -> use.usage.sellPrice().isPositive()).toList();
    AcceptedUse target =
        !charged.isEmpty() && random.nextInt(10) < 8 ? pick(charged) : pick(acceptedUses);
    BigDecimal refundable = target.usage.sellPrice().amount().subtract(target.refunded);
    int roll = random.nextInt(100);
    BigDecimal amount;
    if (refundable.signum() == 0 || roll < 15) {
      amount = refundable.add(amount(5));
    } else if (roll < 30) {
      amount = refundable;
    } else {
      amount =
          new BigDecimal(
              BigInteger.valueOf(
                  1
                      + random.nextLong(
                          refundable.setScale(Rounding.MONEY_SCALE).unscaledValue().longValueExact())),
              Rounding.MONEY_SCALE);
    }
    describe(
        "refund %s of usage %s (charged %s, refunded %s)",
        amount, target.usage.id(), target.usage.sellPrice(), target.refunded);
    Refund command = new Refund(target.usage.id(), money(amount), "simulated refund");
    Optional<ErrorCode> predicted = Optional.empty();
    if (!customers.get(target.usage.orgId()).opened) {
      // a use wholly within quota, or priced at zero, needs no balance; its refund finds none
      predicted = Optional.of(ErrorCode.NOT_FOUND);
    } else if (amount.compareTo(refundable) > 0) {
      predicted = Optional.of(ErrorCode.VALIDATION_FAILED);
    }
    Optional<LedgerTransaction> result =
        attempt("refund", predicted, () -> core.metering().refund(command));
    if (result.isEmpty()) {
      return;
    }
    Product product = catalogue.product(target.usage.productId());
    String expected =
        transaction(
            Operation.REFUND,
            AccountId.revenue(product.ownerOrgId()),
            AccountId.customer(target.usage.orgId()),
            amount);
    if (!describe(result.get()).equals(expected)) {
      throw fail("the refund posted " + describe(result.get()) + ", expected " + expected, null);
    }
    target.refunded = target.refunded.add(amount);
    customers.get(target.usage.orgId()).move(Operation.REFUND, amount);
    expectedEntries += 2;
  }

  // ---------------------------------------------------------------- ledger transactions

  /** {@code OP from=-amount to=+amount}, legs in account order, amounts without trailing zeros. */
  private static String transaction(
      Operation operation, AccountId from, AccountId to, BigDecimal amount) {
    Map<String, BigDecimal> legs = new TreeMap<>();
    legs.put(from.toString(), amount.negate());
    legs.put(to.toString(), amount);
    StringBuilder text = new StringBuilder(operation.code());
    legs.forEach(
        (account, value) ->
            text.append(' ')
                .append(account)
                .append('=')
                .append(value.stripTrailingZeros().toPlainString()));
    return text.toString();
  }

  private static String describe(LedgerTransaction transaction) {
    Map<String, BigDecimal> legs = new TreeMap<>();
    for (LedgerEntry leg : transaction.legs()) {
      legs.merge(leg.account().toString(), leg.amount().amount(), BigDecimal::add);
    }
    StringBuilder text = new StringBuilder(transaction.operation().code());
    legs.forEach(
        (account, value) ->
            text.append(' ')
                .append(account)
                .append('=')
                .append(value.stripTrailingZeros().toPlainString()));
    return text.toString();
  }

  private void requireTransactions(Reference reference, List<String> expected) {
    List<String> actual =
        core.ledger().transactionsFor(reference).stream().map(Simulation::describe).toList();
    if (!actual.equals(expected)) {
      throw fail(
          "the ledger holds " + actual + " for " + reference + ", expected " + expected, null);
    }
  }
}
