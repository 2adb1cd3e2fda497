package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.Subscription;
import dev.tally.core.testing.TestTally;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Where Tally is its storage's only writer, a warm quota check reads no storage, and still never
 * answers from before a change that had ended: a use, a suspension, a resumption, a cancellation,
 * also while uses run on other threads.
 */
class QuotaReadsTest {
  private final TestTally tally = TestTally.createOnlyWriter();
  private final ProductResource llm = tally.aResourceSoldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002");
  private final Subscription subscription =
      tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");

  @Test
  void aWarmCheckReadsNoStorage() {
    check("1");
    long before = tally.store().unitsOfWork();

    QuotaCheck again = check("1");

    assertThat(tally.store().unitsOfWork()).isEqualTo(before);
    assertThat(again.accepted()).isTrue();
    assertThat(tally.core().caches())
        .filteredOn(report -> report.name().startsWith("quota"))
        .allSatisfy(report -> assertThat(report.hits()).isPositive());
  }

  @Test
  void aWarmCheckSeesTheQuotaAUseConsumed() {
    check("1");

    tally.use("acme", subscription, "40");

    assertThat(check("1").quotaUsed().amount()).isEqualByComparingTo("40");
  }

  @Test
  void aWarmCheckSeesTheCustomerSuspendedAndResumed() {
    check("1");

    tally.core().balances().suspend(OrgId.of("acme"));
    QuotaCheck whileSuspended = check("1");
    tally.core().balances().resume(OrgId.of("acme"));

    assertThat(whileSuspended.refusal()).hasValueSatisfying(why -> assertThat(why).contains("suspended"));
    assertThat(check("1").accepted()).isTrue();
  }

  @Test
  void aWarmCheckSeesTheSubscriptionCancelled() {
    check("1");

    tally.core().subscriptions().cancel(subscription.id());

    assertThat(check("1").refusal()).hasValueSatisfying(why -> assertThat(why).contains("cancel"));
  }

  @Test
  void checksRacingUsesNeverGoBackAndEndWithEveryUseCounted() throws Exception {
    int users = 4;
    int usesEach = 50;
    ExecutorService threads = Executors.newFixedThreadPool(users + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean using = new AtomicBoolean(true);
    try {
      List<Future<?>> uses = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        uses.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int n = 0; n < usesEach; n++) {
                    tally.use("acme", subscription, "1");
                  }
                  return null;
                }));
      }
      Future<List<BigDecimal>> seen =
          threads.submit(
              () -> {
                List<BigDecimal> used = new ArrayList<>();
                start.await();
                while (using.get()) {
                  used.add(check("1").quotaUsed().amount());
                }
                return used;
              });
      start.countDown();
      for (Future<?> use : uses) {
        use.get(60, TimeUnit.SECONDS);
      }
      using.set(false);

      assertThat(seen.get(60, TimeUnit.SECONDS))
          .isNotEmpty()
          .isSortedAccordingTo(BigDecimal::compareTo);
      assertThat(check("1").quotaUsed().amount()).isEqualByComparingTo(
          BigDecimal.valueOf((long) users * usesEach));
    } finally {
      threads.shutdownNow();
    }
  }

  private QuotaCheck check(String tokens) {
    return tally.core().subscriptions().checkQuota(subscription.id(), TestTally.tokens(tokens));
  }
}
