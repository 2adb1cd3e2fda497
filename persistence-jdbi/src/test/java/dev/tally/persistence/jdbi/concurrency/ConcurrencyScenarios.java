package dev.tally.persistence.jdbi.concurrency;

import static dev.tally.persistence.jdbi.concurrency.Shop.CUSTOMER;
import static dev.tally.persistence.jdbi.concurrency.Shop.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.GroupCommitSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.service.TimeOrderedIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads against one customer, on one database: every scenario releases its threads together
 * and then checks that the arithmetic is exact to the last digit, that nothing was overdrawn, that
 * retries were charged once and that {@code ledger verify} is clean. The stored rows are counted
 * over JDBC (see {@link Tables}), not through the code under test.
 *
 * <p>Pay-per-use scenarios use one fixed price (1000 tokens at 0.001 = 1.0000 CNY a use), so that
 * how many uses the money covers is known in advance. Random choices (shuffles, hold and quota
 * amounts) come from {@code -Dtally.seed}, printed with each summary line.
 */
abstract class ConcurrencyScenarios {
  static final String UNIT_PRICE = "0.001";
  static final String UNIT_COST = "0.0005";
  static final long TOKENS_PER_USE = 1000;
  private static final BigDecimal PRICE_PER_USE = new BigDecimal("1.0000");
  private static final long SEED = seed();
  static final OrgId OTHER_CUSTOMER = OrgId.of("beta");

  abstract TestDatabase database();

  /** How uses are committed: grouped (the default), or one by one in the subclasses so named. */
  GroupCommitSettings groupCommit() {
    return GroupCommitSettings.DEFAULTS;
  }

  JdbiStorage storage;
  TallyCore core;
  Tables tables;

  @BeforeEach
  void emptyDatabase() {
    storage = database().emptyStorage();
    core = coreOver(storage);
    tables = new Tables(database().dataSource());
  }

  @AfterEach
  void noGroupFellBackToOneByOne() {
    assertThat(core.groupCommit().groupsAppliedAlone())
        .as("groups whose unit of work failed")
        .isZero();
  }

  @Test
  void manyThreadsSpendingOneBalanceNeverOverdrawIt() {
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    // 1200 + 400 of credit pay for 1600 of the 16000 uses. Uses of one customer queue on its
    // balance row; under this contention an accepted use holds the row ~10 ms on PostgreSQL
    // (~1 ms for a refusal), so a larger paid share would break the ~60 s budget of the class.
    CustomerBalance before = shop.customerWith("1200", "400");
    int threads = 32;
    int usesPerThread = 500;

    Outcomes<UseCommand, UseResult> outcomes =
        useConcurrently(
            threads,
            thread -> core,
            thread ->
                IntStream.range(0, usesPerThread)
                    .mapToObj(
                        i -> shop.use(String.format("t%02d-use-%03d", thread, i), TOKENS_PER_USE))
                    .toList());

    CustomerBalance after = shop.balance();
    summary("one balance, 32 threads", outcomes, after);
    assertChargedExactly(outcomes, threads * usesPerThread, before, after, 1600);
  }

  @Test
  void retriesOfTheSameUsesAreChargedOnce() {
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    // 100 + 50 of credit pay for 150 of the 200 distinct uses
    CustomerBalance before = shop.customerWith("100", "50");
    List<UseCommand> commands =
        IntStream.range(0, 200)
            .mapToObj(i -> shop.use(String.format("retried-%03d", i), TOKENS_PER_USE))
            .toList();
    int threads = 16;

    Outcomes<UseCommand, UseResult> outcomes =
        useConcurrently(
            threads,
            thread -> core,
            thread -> {
              List<UseCommand> shuffled = new ArrayList<>(commands);
              Collections.shuffle(shuffled, new Random(SEED + thread));
              return shuffled;
            });

    CustomerBalance after = shop.balance();
    summary("retries, 16 x same 200", outcomes, after);
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(outcomes.attempted()).isEqualTo(threads * commands.size());

    Map<String, List<Attempt<UseCommand, UseResult>>> bySourceRef =
        outcomes.all().stream().collect(Collectors.groupingBy(Attempt::key));
    assertThat(bySourceRef).hasSize(commands.size());
    int distinctAccepted = 0;
    for (Map.Entry<String, List<Attempt<UseCommand, UseResult>>> ref : bySourceRef.entrySet()) {
      List<Attempt<UseCommand, UseResult>> tries = ref.getValue();
      assertThat(tries).as("tries of %s", ref.getKey()).hasSize(threads);
      List<UseResult> results = tries.stream().flatMap(a -> a.result().stream()).toList();
      if (results.isEmpty()) {
        continue; // refused by every thread: the money was gone before its first try
      }
      distinctAccepted++;
      assertThat(results)
          .as("a source ref accepted once is replayed to every later try: %s", ref.getKey())
          .hasSize(threads);
      assertThat(results.stream().map(r -> r.usage().id()).distinct())
          .as("every result of %s names the same usage", ref.getKey())
          .hasSize(1);
      assertThat(results.stream().filter(r -> !r.replayed()))
          .as("exactly one try of %s was charged, the others replayed", ref.getKey())
          .hasSize(1);
    }
    assertThat(distinctAccepted).as("distinct uses the money covers").isEqualTo(150);

    BigDecimal drop = before.balance().amount().subtract(after.balance().amount());
    assertThat(drop)
        .isEqualByComparingTo(PRICE_PER_USE.multiply(BigDecimal.valueOf(distinctAccepted)));
    assertThat(after.available().isNegative()).isFalse();
    assertThat(tables.usageRows(CUSTOMER)).isEqualTo(distinctAccepted);
    assertThat(tables.usageRowsWithOnePay(CUSTOMER)).isEqualTo(distinctAccepted);
    assertThat(tables.usagePayTransactions(CUSTOMER)).isEqualTo(distinctAccepted);
    assertThat(tables.usageTotal("sell_price", CUSTOMER)).isEqualByComparingTo(drop);
    assertLedgerClean(core);
  }

  @Test
  void twoTallyInstancesSharingTheDatabaseNeverOverdraw() {
    try (HikariDataSource poolA = database().separatePool(16);
        HikariDataSource poolB = database().separatePool(16)) {
      TallyCore instanceA = coreOver(JdbiStorage.create(poolA));
      TallyCore instanceB = coreOver(JdbiStorage.create(poolB));
      Shop shop = Shop.selling(instanceA, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
      // 450 + 150 of credit pay for 600 of the 3200 uses
      CustomerBalance before = shop.customerWith("450", "150");
      int threads = 32; // 16 on each instance
      int usesPerThread = 100;

      Outcomes<UseCommand, UseResult> outcomes =
          useConcurrently(
              threads,
              thread -> thread % 2 == 0 ? instanceA : instanceB,
              thread ->
                  IntStream.range(0, usesPerThread)
                      .mapToObj(
                          i ->
                              shop.use(
                                  String.format(
                                      "i%s-t%02d-use-%03d", thread % 2 == 0 ? "a" : "b", thread, i),
                                  TOKENS_PER_USE))
                      .toList());

      CustomerBalance after = shop.balance();
      summary("two instances, 2 x 16 threads", outcomes, after);
      assertChargedExactly(outcomes, threads * usesPerThread, before, after, 600);
      long acceptedByA = outcomes.accepted().filter(a -> a.key().startsWith("ia-")).count();
      assertThat(acceptedByA).as("uses accepted by instance A").isPositive();
      assertThat(outcomes.acceptedCount() - acceptedByA)
          .as("uses accepted by instance B")
          .isPositive();
      assertLedgerClean(instanceB);
    }
  }

  @Test
  void concurrentHoldsNeverLetAvailableGoNegative() {
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    CustomerBalance before = shop.customerWith("200", "20");
    int threads = 16;
    int holdsPerThread = 40;
    Outcomes<Money, Hold> outcomes;
    Watch watch = Watch.start(() -> overdraft(shop.balance()));
    try (watch) {
      Crowd.Run<List<Attempt<Money, Hold>>> run =
          Crowd.run(
              threads,
              thread -> {
                Random random = new Random(SEED * 31 + thread);
                List<Attempt<Money, Hold>> calls = new ArrayList<>();
                for (int i = 0; i < holdsPerThread; i++) {
                  Money amount = cny(BigDecimal.valueOf(100 + random.nextInt(500), 2));
                  Attempt<Money, Hold> reserve =
                      Attempt.of(
                          "reserve",
                          amount,
                          () ->
                              core.holds()
                                  .reserve(
                                      new ReserveHold(
                                          CUSTOMER,
                                          USER,
                                          shop.productId(),
                                          amount,
                                          Duration.ofMinutes(10))));
                  calls.add(reserve);
                  if (reserve.isAccepted()) {
                    HoldId id = reserve.result().orElseThrow().id();
                    double choice = random.nextDouble();
                    if (choice < 0.45) {
                      Money actual =
                          cny(
                              amount
                                  .amount()
                                  .multiply(BigDecimal.valueOf(random.nextInt(101), 2))
                                  .setScale(4, RoundingMode.HALF_UP));
                      calls.add(
                          Attempt.of("settle", actual, () -> core.holds().settle(id, actual)));
                    } else if (choice < 0.9) {
                      calls.add(Attempt.of("void", amount, () -> core.holds().voidHold(id)));
                    } // else: left open
                  }
                }
                return calls;
              });
      outcomes = new Outcomes<>(run.results(), run.elapsedMillis());
    }

    CustomerBalance after = shop.balance();
    summary("holds, 16 threads", outcomes, after);
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(watch.violations()).as("seen while the holds ran").isEmpty();
    assertThat(watch.samples()).as("samples taken while the holds ran").isPositive();
    assertThat(outcomes.refused().map(Attempt::key))
        .as("only reserves are refused; a hold's owner always closes it")
        .containsOnly("reserve");
    assertThat(outcomes.refusedCount()).as("reserves refused once the money was held").isPositive();

    BigDecimal settled =
        outcomes
            .accepted()
            .filter(a -> a.key().equals("settle"))
            .map(a -> a.input().amount())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    List<HoldId> closed =
        outcomes
            .accepted()
            .filter(a -> !a.key().equals("reserve"))
            .map(a -> a.result().orElseThrow().id())
            .toList();
    BigDecimal stillHeld =
        outcomes
            .accepted()
            .filter(a -> a.key().equals("reserve"))
            .map(a -> a.result().orElseThrow())
            .filter(hold -> !closed.contains(hold.id()))
            .map(hold -> hold.amount().amount())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(before.balance().amount().subtract(after.balance().amount()))
        .as("balance drop = the settled amounts")
        .isEqualByComparingTo(settled);
    assertThat(after.held().amount())
        .as("held = the holds left open")
        .isEqualByComparingTo(stillHeld);
    assertThat(tables.openHoldTotal(CUSTOMER)).isEqualByComparingTo(stillHeld);
    assertThat(after.available().isNegative()).isFalse();
    assertThat(after.balance().amount())
        .isGreaterThanOrEqualTo(after.creditLimit().amount().negate());
    assertLedgerClean(core);
  }

  @Test
  void settleAndVoidRacingForTheSameHoldCloseItOnce() {
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    CustomerBalance before = shop.customerWith("500", "0");
    Money held = cny(new BigDecimal("2.0000"));
    Money actual = cny(new BigDecimal("1.2345"));
    List<HoldId> holds =
        IntStream.range(0, 100)
            .mapToObj(
                i ->
                    core.holds()
                        .reserve(
                            new ReserveHold(
                                CUSTOMER, USER, shop.productId(), held, Duration.ofMinutes(10)))
                        .id())
            .toList();
    int threads = 16;

    Crowd.Run<List<Attempt<Money, Hold>>> run =
        Crowd.run(
            threads,
            thread -> {
              Random random = new Random(SEED * 17 + thread);
              List<HoldId> shuffled = new ArrayList<>(holds);
              Collections.shuffle(shuffled, random);
              List<Attempt<Money, Hold>> calls = new ArrayList<>();
              for (HoldId id : shuffled) {
                calls.add(
                    random.nextBoolean()
                        ? Attempt.of(id.value(), actual, () -> core.holds().settle(id, actual))
                        : Attempt.of(
                            id.value(), Money.zero(Currency.CNY), () -> core.holds().voidHold(id)));
              }
              return calls;
            });
    Outcomes<Money, Hold> outcomes = new Outcomes<>(run.results(), run.elapsedMillis());

    CustomerBalance after = shop.balance();
    summary("settle/void race, 100 holds", outcomes, after);
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.HOLD_NOT_ACTIVE);
    Map<String, List<Attempt<Money, Hold>>> byHold =
        outcomes.all().stream().collect(Collectors.groupingBy(Attempt::key));
    assertThat(byHold).hasSize(holds.size());
    byHold.forEach(
        (id, tries) ->
            assertThat(tries.stream().filter(Attempt::isAccepted))
                .as("closes of hold %s that succeeded", id)
                .hasSize(1));
    long settledHolds =
        outcomes
            .accepted()
            .filter(a -> a.result().orElseThrow().status() == HoldStatus.SETTLED)
            .count();
    assertThat(before.balance().amount().subtract(after.balance().amount()))
        .isEqualByComparingTo(actual.amount().multiply(BigDecimal.valueOf(settledHolds)));
    assertThat(after.held().isZero()).as("nothing held once every hold is closed").isTrue();
    assertThat(tables.openHoldTotal(CUSTOMER)).isZero();
    assertLedgerClean(core);
  }

  @Test
  void concurrentUsesNeverOverspendAQuota() {
    Shop shop = Shop.selling(core, BillingMode.QUOTA, UNIT_PRICE, UNIT_COST);
    long quota = 50_000;
    Subscription subscription = shop.quotaSubscription(quota);
    CustomerBalance before = shop.balance();
    BigDecimal quotaTotal = BigDecimal.valueOf(quota);
    int threads = 16;
    int usesPerThread = 50;
    Outcomes<UseCommand, UseResult> outcomes;
    Watch watch =
        Watch.start(
            () -> {
              BigDecimal used =
                  core.subscriptions().subscription(subscription.id()).quotaUsed().amount();
              return used.compareTo(quotaTotal) > 0
                  ? Optional.of("quota_used " + used + " exceeds quota " + quota)
                  : Optional.empty();
            });
    try (watch) {
      outcomes =
          useConcurrently(
              threads,
              thread -> core,
              thread -> {
                Random random = new Random(SEED * 7 + thread);
                return IntStream.range(0, usesPerThread)
                    .mapToObj(
                        i ->
                            shop.use(
                                String.format("quota-t%02d-%03d", thread, i),
                                10 + random.nextInt(491)))
                    .toList();
              });
    }

    Subscription after = core.subscriptions().subscription(subscription.id());
    CustomerBalance balanceAfter = shop.balance();
    summary(
        "quota " + quota + ", 16 threads",
        outcomes,
        balanceAfter,
        "quota_used=" + after.quotaUsed().amount().toPlainString());
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.QUOTA_EXCEEDED);
    assertThat(watch.violations()).as("seen while the uses ran").isEmpty();
    assertThat(watch.samples()).as("samples taken while the uses ran").isPositive();
    assertThat(outcomes.refusedCount()).as("uses refused once the quota ran out").isPositive();

    BigDecimal used = after.quotaUsed().amount();
    BigDecimal acceptedAmounts =
        outcomes
            .accepted()
            .map(a -> a.input().used().amount())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(used).as("quota_used").isLessThanOrEqualTo(quotaTotal);
    assertThat(acceptedAmounts)
        .as("the accepted amounts add up to quota_used")
        .isEqualByComparingTo(used);
    BigDecimal remaining = quotaTotal.subtract(used);
    assertThat(outcomes.refused().map(a -> a.input().used().amount()))
        .as("a use is refused only when it needs more than was left (%s at the end)", remaining)
        .allSatisfy(amount -> assertThat(amount).isGreaterThan(remaining));
    assertThat(outcomes.accepted().map(a -> a.result().orElseThrow().usage().subscriptionId()))
        .containsOnly(Optional.of(subscription.id()));

    assertThat(tables.usageRows(CUSTOMER)).isEqualTo(outcomes.acceptedCount());
    assertThat(tables.usageTotal("used_amount", CUSTOMER)).isEqualByComparingTo(used);
    assertThat(tables.usageTotal("in_quota_amount", CUSTOMER)).isEqualByComparingTo(used);
    assertThat(tables.usageTotal("overage_amount", CUSTOMER)).isZero();
    assertThat(tables.usageTotal("sell_price", CUSTOMER)).isZero();
    assertThat(balanceAfter.balance().amount())
        .as("quota uses cost the balance nothing")
        .isEqualByComparingTo(before.balance().amount());
    assertLedgerClean(core);
  }

  /**
   * A renewal that read the clock and then waited for a use holding the customer's lock must not
   * start its period before that use: the use consumed the old period's quota, which the renewal
   * then reset. The renewal reads the clock after its locks, so it waits first, and its period
   * starts after the use (torture found a subscription whose period's uses did not add up to its
   * quota_used).
   */
  @Test
  void aRenewalThatWaitedForAUseStartsItsPeriodAfterIt() {
    PausingClock clock = new PausingClock(Duration.ofSeconds(1));
    TallyCore paused = coreOver(storage.unitOfWork(), clock);
    Shop shop = Shop.selling(paused, BillingMode.QUOTA, UNIT_PRICE, UNIT_COST);
    shop.customerWith("100", "0");
    Subscription subscription = shop.quotaSubscription(50_000);

    clock.holdTheNextReading();
    CompletableFuture<Subscription> renewal =
        CompletableFuture.supplyAsync(() -> paused.subscriptions().renew(subscription.id()));
    assertThat(clock.awaitHeldReading(Duration.ofSeconds(30)))
        .as("the renewal read the clock")
        .isTrue();
    UseResult use = paused.metering().use(shop.use("while-renewing", 1000));
    clock.release();
    renewal.join();

    assertQuotaUsedIsWhatItsPeriodUsed(paused, subscription, use);
  }

  /**
   * A use that read the clock and then waited for a renewal holding the customer's lock must not be
   * refused as outside the new period, nor counted in it while its time falls before it. The use
   * reads the clock after the lock, so it waits first, and its time is in the period it consumed.
   */
  @Test
  void aUseThatWaitedForARenewalIsInThePeriodItConsumed() {
    PausingClock clock = new PausingClock(Duration.ofSeconds(1));
    TallyCore paused = coreOver(storage.unitOfWork(), clock);
    Shop shop = Shop.selling(paused, BillingMode.QUOTA, UNIT_PRICE, UNIT_COST);
    shop.customerWith("100", "0");
    Subscription subscription = shop.quotaSubscription(50_000);

    clock.holdTheNextReading();
    CompletableFuture<UseResult> use =
        CompletableFuture.supplyAsync(
            () -> paused.metering().use(shop.use("before-renewal", 1000)));
    assertThat(clock.awaitHeldReading(Duration.ofSeconds(30)))
        .as("the use read the clock")
        .isTrue();
    paused.subscriptions().renew(subscription.id());
    clock.release();

    assertQuotaUsedIsWhatItsPeriodUsed(paused, subscription, use.join());
  }

  /**
   * The subscription's quota_used is the use's in-quota amount exactly when the use is in its
   * period.
   */
  private static void assertQuotaUsedIsWhatItsPeriodUsed(
      TallyCore instance, Subscription subscription, UseResult use) {
    Subscription after = instance.subscriptions().subscription(subscription.id());
    boolean inThisPeriod = !use.usage().useTime().isBefore(after.periodStart());
    BigDecimal expected = inThisPeriod ? use.usage().inQuota().amount() : BigDecimal.ZERO;
    assertThat(after.quotaUsed().amount())
        .as(
            "quota_used of the period from %s, with a use at %s",
            after.periodStart(), use.usage().useTime())
        .isEqualByComparingTo(expected);
    assertLedgerClean(instance);
  }

  /**
   * The checks shared by the pay-per-use scenarios with distinct source refs: refusals only for
   * insufficient balance and only once the money is gone, the balance moved by exactly the price of
   * the accepted uses, never below minus the credit limit, one usage row and one PAY per accepted
   * use, a clean ledger.
   */
  private void assertChargedExactly(
      Outcomes<UseCommand, UseResult> outcomes,
      int attempted,
      CustomerBalance before,
      CustomerBalance after,
      int usesTheMoneyCovers) {
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE);
    int accepted = outcomes.acceptedCount();
    assertThat(accepted + outcomes.refusedCount()).as("accepted + refused").isEqualTo(attempted);
    assertThat(outcomes.accepted().filter(a -> a.result().orElseThrow().replayed()))
        .as("distinct source refs are never replays")
        .isEmpty();

    BigDecimal drop = before.balance().amount().subtract(after.balance().amount());
    assertThat(drop)
        .as("balance drop = accepted x price")
        .isEqualByComparingTo(PRICE_PER_USE.multiply(BigDecimal.valueOf(accepted)));
    assertThat(after.balance().amount())
        .as("balance never below minus the credit limit")
        .isGreaterThanOrEqualTo(after.creditLimit().amount().negate());
    assertThat(after.available().isNegative()).as("available is negative: %s", after).isFalse();
    assertThat(after.available().amount())
        .as("the money is gone: not enough is left for one more use")
        .isLessThan(PRICE_PER_USE);
    assertThat(accepted).as("uses the money covers").isEqualTo(usesTheMoneyCovers);
    // The balance only goes down, so a use refused for want of money means every later use is
    // refused too: no accepted use may have started after a refusal came back.
    if (outcomes.firstRefusalEnd().isPresent()) {
      assertThat(outcomes.lastAcceptedStart().orElseThrow())
          .as("the last accepted use started before the first refusal returned")
          .isLessThan(outcomes.firstRefusalEnd().getAsLong());
    }

    assertThat(tables.usageRows(CUSTOMER)).as("usage log rows").isEqualTo(accepted);
    assertThat(tables.usageRowsWithOnePay(CUSTOMER))
        .as("usage rows with one PAY")
        .isEqualTo(accepted);
    assertThat(tables.usagePayTransactions(CUSTOMER))
        .as("PAY transactions of uses")
        .isEqualTo(accepted);
    assertThat(tables.usageTotal("sell_price", CUSTOMER)).isEqualByComparingTo(drop);
    assertThat(
            outcomes
                .accepted()
                .map(a -> a.result().orElseThrow().usage().id())
                .map(UsageId::value)
                .distinct()
                .count())
        .as("distinct usage ids")
        .isEqualTo(accepted);
    assertLedgerClean(core);
  }

  static void assertLedgerClean(TallyCore instance) {
    VerificationReport report = instance.ledger().verify();
    assertThat(report.violations()).as("ledger verify").isEmpty();
  }

  /** Runs each thread's commands, in order, on the thread's Tally instance. */
  private static Outcomes<UseCommand, UseResult> useConcurrently(
      int threads, IntFunction<TallyCore> instanceOf, IntFunction<List<UseCommand>> commandsOf) {
    Crowd.Run<List<Attempt<UseCommand, UseResult>>> run =
        Crowd.run(
            threads,
            thread -> {
              TallyCore instance = instanceOf.apply(thread);
              List<UseCommand> commands = commandsOf.apply(thread);
              List<Attempt<UseCommand, UseResult>> attempts = new ArrayList<>(commands.size());
              for (UseCommand command : commands) {
                attempts.add(
                    Attempt.of(
                        command.sourceRef().id(), command, () -> instance.metering().use(command)));
              }
              return attempts;
            });
    return new Outcomes<>(run.results(), run.elapsedMillis());
  }

  private static Optional<String> overdraft(CustomerBalance balance) {
    if (balance.available().isNegative()
        || balance.balance().amount().compareTo(balance.creditLimit().amount().negate()) < 0) {
      return Optional.of("overdrawn: " + balance);
    }
    return Optional.empty();
  }

  private void summary(String scenario, Outcomes<?, ?> outcomes, CustomerBalance balance) {
    summary(scenario, outcomes, balance, "");
  }

  private void summary(
      String scenario, Outcomes<?, ?> outcomes, CustomerBalance balance, String extra) {
    System.out.printf(
        Locale.ROOT,
        "[concurrency] %-18s | %-30s | attempted %6d | accepted %6d | rejected %6d"
            + " | balance %s (credit %s, held %s) %s| %6d ms | seed %d%n",
        database() + (groupCommit().enabled() ? " grouped" : ""),
        scenario,
        outcomes.attempted(),
        outcomes.acceptedCount(),
        outcomes.refusedCount(),
        balance.balance().amount().toPlainString(),
        balance.creditLimit().amount().toPlainString(),
        balance.held().amount().toPlainString(),
        extra.isEmpty() ? "" : extra + " ",
        outcomes.elapsedMillis(),
        SEED);
  }

  private TallyCore coreOver(JdbiStorage storage) {
    return coreOver(storage.unitOfWork());
  }

  TallyCore coreOver(UnitOfWork unitOfWork) {
    return coreOver(unitOfWork, Clock.system());
  }

  /** A core whose use cases read {@code clock}; ids still come from the system clock. */
  TallyCore coreOver(UnitOfWork unitOfWork, Clock clock) {
    return new TallyCore(
        unitOfWork,
        clock,
        new TimeOrderedIds(Clock.system()),
        CoreSettings.DEFAULTS.withGroupCommit(groupCommit()));
  }

  private static Money cny(BigDecimal amount) {
    return new Money(amount, Currency.CNY);
  }

  /** {@code -Dtally.seed}, or a fixed default (Maven passes an unset property through as text). */
  private static long seed() {
    String value = System.getProperty("tally.seed", "");
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException notSet) {
      return 20260301L;
    }
  }
}
