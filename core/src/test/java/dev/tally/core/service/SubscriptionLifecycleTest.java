package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.START;
import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.Reference;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.in.DueReport;
import dev.tally.core.port.in.Subscriptions;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Subscribing, renewing, cancelling, suspending and expiring subscriptions, and how each state
 * meets a use. Periods are one month in UTC: the first runs from 2026-03-01 to 2026-04-01.
 */
class SubscriptionLifecycleTest {
  private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

  private final TestTally tally = TestTally.create();
  private final Subscriptions subscriptions = tally.core().subscriptions();
  // a quota resource at 0.002 per token
  private final ProductResource llm = tally.aResourceSoldIn(BillingMode.QUOTA, "0.002");

  private List<Subscription> subscriptionsOf(String org, Product product) {
    return subscriptionsOf(org, product.id().value());
  }

  private List<Subscription> subscriptionsOf(String org, String productId) {
    return subscriptions
        .subscriptions(
            new SubscriptionQuery(
                Optional.of(OrgId.of(org)),
                Optional.of(ProductId.of(productId)),
                Optional.empty()),
            PageRequest.firstPage())
        .items();
  }

  private long feesCharged(Subscription subscription) {
    return tally.operationsFor(Reference.subscription(subscription.id())).stream()
        .filter(operation -> operation == Operation.SUBSCRIPTION_FEE)
        .count();
  }

  // --- subscribe

  @Test
  void subscribeChargesTheFee() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withFee("30"));

    assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(subscription.fee()).isEqualTo(cny("30.0000"));
    assertThat(subscription.periodStart()).isEqualTo(START);
    assertThat(subscription.periodEnd()).isEqualTo(APRIL);
    assertThat(tally.operationsFor(Reference.subscription(subscription.id())))
        .containsExactly(Operation.SUBSCRIPTION_FEE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("70.0000"));
    assertThat(tally.accountTotal(AccountId.revenue(TestTally.RESELLER)))
        .isEqualByComparingTo("30");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesSubscriptionWhoseFeeIsNotCovered() {
    tally.aCustomer("acme").recharged("20");

    ErrorCode refusal =
        refusalOf(
            () ->
                tally
                    .aCustomer("acme")
                    .subscribedTo(llm, "1000", SubscriptionTerms.plain().withFee("30")));

    assertThat(refusal).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(subscriptionsOf("acme", llm.productId().value())).isEmpty();
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20.0000"));
    assertThat(tally.entriesOf(Operation.SUBSCRIPTION_FEE)).isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesASecondCurrentSubscriptionToTheSameProduct() {
    Subscription first =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withFee("30"));

    assertThat(
            refusalOf(
                () ->
                    tally
                        .aCustomer("acme")
                        .subscribedTo(llm, "500", SubscriptionTerms.plain().withFee("30"))))
        .isEqualTo(ErrorCode.SUBSCRIPTION_EXISTS);
    subscriptions.suspend(first.id());
    assertThat(refusalOf(() -> tally.aCustomer("acme").subscribedTo(llm, "500")))
        .isEqualTo(ErrorCode.SUBSCRIPTION_EXISTS);

    assertThat(subscriptionsOf("acme", llm.productId().value()))
        .extracting(Subscription::id)
        .containsExactly(first.id());
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("70.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void anotherOrgMaySubscribeToTheSameProduct() {
    tally.aCustomer("acme").subscribedTo(llm, "1000");

    Subscription other = tally.aCustomer("beta").subscribedTo(llm, "1000");

    assertThat(other.orgId()).isEqualTo(OrgId.of("beta"));
    assertThat(other.status()).isEqualTo(SubscriptionStatus.ACTIVE);
  }

  @Test
  void refusesSubscriptionToADraftProduct() {
    Product draft = tally.aDraftProduct("not yet");
    ProductResource resource = tally.anLlmResource(draft, BillingMode.QUOTA, "0.002");

    ErrorCode refusal =
        refusalOf(() -> tally.aCustomer("acme").recharged("10").subscribedTo(resource, "1000"));

    assertThat(refusal).isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(subscriptionsOf("acme", draft)).isEmpty();
  }

  // --- renew, cancel, suspend

  @Test
  void renewStartsANewPeriodFromNowWithQuotaResetAndChargesTheFeeAgain() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withFee("30"));
    tally.use("acme", llm, "600");
    tally.advance(Duration.ofDays(10));

    Subscription renewed = subscriptions.renew(subscription.id());

    Instant tenthOfMarch = Instant.parse("2026-03-11T00:00:00Z");
    assertThat(renewed.periodStart()).isEqualTo(tenthOfMarch);
    assertThat(renewed.periodEnd()).isEqualTo(Instant.parse("2026-04-11T00:00:00Z"));
    assertThat(renewed.quotaUsed()).isEqualTo(tokens("0"));
    assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(tally.subscription(subscription.id())).isEqualTo(renewed);
    assertThat(feesCharged(subscription)).isEqualTo(2);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("40.0000"));
    // the whole quota is there again
    assertThat(tally.use("acme", llm, "1000").usage().inQuota()).isEqualTo(tokens("1000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesRenewalWhoseFeeIsNotCoveredAndKeepsThePeriod() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("50")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withFee("30"));
    tally.use("acme", llm, "600");

    assertThat(refusalOf(() -> subscriptions.renew(subscription.id())))
        .isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);

    Subscription after = tally.subscription(subscription.id());
    assertThat(after.periodStart()).isEqualTo(START);
    assertThat(after.quotaUsed()).isEqualTo(tokens("600"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void cancelIsFinal() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withFee("30"));

    Subscription cancelled = subscriptions.cancel(subscription.id());
    Subscription cancelledAgain = subscriptions.cancel(subscription.id());

    assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelledAgain.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(refusalOf(() -> subscriptions.renew(subscription.id())))
        .isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(refusalOf(() -> subscriptions.resume(subscription.id())))
        .isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(tally.subscription(subscription.id()).status())
        .isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(
            refusalOf(
                () -> tally.use("acme", subscription, "10")))
        .isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
    assertThat(feesCharged(subscription)).isEqualTo(1);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("70.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void suspendRefusesUsesAndResumeAllowsThemAgain() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");

    subscriptions.suspend(subscription.id());

    assertThat(refusalOf(() -> tally.use("acme", llm, "100")))
        .isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
    assertThat(
            refusalOf(
                () -> tally.use("acme", subscription, "100")))
        .isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("0"));
    assertThat(tally.usageLog()).isEmpty();

    subscriptions.resume(subscription.id());

    UsageRecord usage = tally.use("acme", llm, "100").usage();
    assertThat(usage.subscriptionId()).contains(subscription.id());
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("100"));
  }

  // --- the end of a period

  @Test
  void refusesAUseOfANamedSubscriptionWhosePeriodEndedWithoutAutoRenew() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");
    tally.clock().set(APRIL);

    ErrorCode refusal =
        refusalOf(
            () -> tally.use("acme", subscription, "100"));

    assertThat(refusal).isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
    assertThat(tally.usageLog()).isEmpty();
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
  }

  @Test
  void fallsBackToPayPerUseForAPayPerUseResourceOnceThePeriodEnded() {
    ProductResource payg = tally.aPayPerUseResource("0.002");
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(payg, "1000", SubscriptionTerms.plain().inMode(BillingMode.QUOTA));
    assertThat(tally.use("acme", payg, "100").usage().sellPrice()).isEqualTo(cny("0.0000"));
    tally.clock().set(APRIL.plus(Duration.ofHours(1)));

    UsageRecord usage = tally.use("acme", payg, "100").usage();

    assertThat(usage.subscriptionId()).isEmpty();
    assertThat(usage.billingMode()).isEqualTo(BillingMode.PAY_PER_USE);
    assertThat(usage.sellPrice()).isEqualTo(cny("0.2000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.8000"));
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("100"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAUseOfAQuotaResourceOnceThePeriodEndedWithoutAutoRenew() {
    tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");
    tally.clock().set(APRIL.plus(Duration.ofHours(1)));

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "100"));

    assertThat(refusal).isEqualTo(ErrorCode.NO_SUBSCRIPTION);
    assertThat(tally.usageLog()).isEmpty();
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
  }

  @Test
  void aUseAfterTheEndOfAnAutoRenewingSubscriptionRenewsItInTheSameStep() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(
                llm, "1000", SubscriptionTerms.plain().withFee("30").autoRenewing());
    tally.use("acme", llm, "700");
    tally.clock().set(Instant.parse("2026-04-10T00:00:00Z"));

    UsageRecord usage = tally.use("acme", llm, "500").usage();

    Subscription renewed = tally.subscription(subscription.id());
    assertThat(renewed.periodStart()).isEqualTo(APRIL);
    assertThat(renewed.periodEnd()).isEqualTo(MAY);
    assertThat(renewed.quotaUsed()).isEqualTo(tokens("500"));
    assertThat(usage.inQuota()).isEqualTo(tokens("500"));
    assertThat(usage.sellPrice()).isEqualTo(cny("0.0000"));
    assertThat(feesCharged(subscription)).isEqualTo(2);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("40.0000"));

    tally.use("acme", llm, "100");

    assertThat(feesCharged(subscription)).isEqualTo(2);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("40.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aUseLongAfterTheEndRenewsIntoThePeriodOfNowForOneFee() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(
                llm, "1000", SubscriptionTerms.plain().withFee("30").autoRenewing());
    tally.clock().set(Instant.parse("2026-06-10T00:00:00Z"));

    tally.use("acme", llm, "100");

    Subscription renewed = tally.subscription(subscription.id());
    assertThat(renewed.periodStart()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(renewed.periodEnd()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    assertThat(feesCharged(subscription)).isEqualTo(2);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("40.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAUseWhenTheAutoRenewalFeeCannotBePaid() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("40")
            .subscribedTo(
                llm, "1000", SubscriptionTerms.plain().withFee("30").autoRenewing());
    tally.clock().set(APRIL);

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "100"));

    assertThat(refusal).isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
    assertThat(tally.subscription(subscription.id()).periodEnd()).isEqualTo(APRIL);
    assertThat(feesCharged(subscription)).isEqualTo(1);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void subscribingAgainAfterThePeriodEndedExpiresTheEndedSubscription() {
    Subscription ended = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");
    tally.clock().set(APRIL.plus(Duration.ofDays(2)));

    Subscription again = tally.aCustomer("acme").subscribedTo(llm, "1000");

    assertThat(tally.subscription(ended.id()).status()).isEqualTo(SubscriptionStatus.EXPIRED);
    assertThat(again.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(again.periodStart()).isEqualTo(APRIL.plus(Duration.ofDays(2)));
    assertThat(tally.use("acme", llm, "100").usage().subscriptionId()).contains(again.id());
  }

  @Test
  void processDueRenewsAutoRenewingSubscriptionsOnceAndExpiresTheOthers() {
    Subscription renewing =
        tally
            .aCustomer("acme")
            .recharged("100")
            .subscribedTo(
                llm, "1000", SubscriptionTerms.plain().withFee("30").autoRenewing());
    Subscription ending = tally.aCustomer("beta").recharged("100").subscribedTo(llm, "1000");
    tally.use("acme", llm, "700");
    // more than three periods later
    tally.clock().set(Instant.parse("2026-06-10T00:00:00Z"));

    DueReport report = subscriptions.processDue();

    assertThat(report).isEqualTo(new DueReport(1, 1));
    Subscription renewed = tally.subscription(renewing.id());
    assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(renewed.periodStart()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(renewed.periodEnd()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    assertThat(renewed.quotaUsed()).isEqualTo(tokens("0"));
    assertThat(feesCharged(renewing)).isEqualTo(2);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("40.0000"));
    assertThat(tally.subscription(ending.id()).status()).isEqualTo(SubscriptionStatus.EXPIRED);
    assertThat(tally.balanceOf("beta").balance()).isEqualTo(cny("100.0000"));
    assertThat(subscriptions.processDue()).isEqualTo(new DueReport(0, 0));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void processDueExpiresAnAutoRenewingSubscriptionWhoseFeeCannotBePaid() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("40")
            .subscribedTo(
                llm, "1000", SubscriptionTerms.plain().withFee("30").autoRenewing());
    tally.clock().set(APRIL);

    DueReport report = subscriptions.processDue();

    assertThat(report).isEqualTo(new DueReport(0, 1));
    assertThat(tally.subscription(subscription.id()).status())
        .isEqualTo(SubscriptionStatus.EXPIRED);
    assertThat(feesCharged(subscription)).isEqualTo(1);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(refusalOf(() -> tally.use("acme", llm, "100")))
        .isEqualTo(ErrorCode.NO_SUBSCRIPTION);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesARenewalThatWouldMakeASecondCurrentSubscription() {
    // at most one current subscription per org and product, however it comes about
    Subscription old = tally.aCustomer("acme").recharged("100").subscribedTo(llm, "1000");
    tally.clock().set(APRIL);
    subscriptions.processDue();
    assertThat(tally.subscription(old.id()).status()).isEqualTo(SubscriptionStatus.EXPIRED);
    Subscription current = tally.aCustomer("acme").subscribedTo(llm, "1000");

    ErrorCode refusal = refusalOf(() -> subscriptions.renew(old.id()));

    assertThat(refusal).isIn(ErrorCode.SUBSCRIPTION_EXISTS, ErrorCode.INVALID_STATE);
    assertThat(subscriptionsOf("acme", llm.productId().value()))
        .filteredOn(Subscription::isCurrent)
        .extracting(Subscription::id)
        .containsExactly(current.id());
  }

  @Test
  void refusesAUseTimeOutsideThePeriod() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");

    ErrorCode before =
        refusalOf(
            () ->
                tally
                    .core()
                    .metering()
                    .use(
                        tally
                            .aUse("acme", llm, "100")
                            .useTime(START.minus(Duration.ofMinutes(1)))
                            .build()));
    ErrorCode after =
        refusalOf(
            () ->
                tally
                    .core()
                    .metering()
                    .use(tally.aUse("acme", llm, "100").useTime(APRIL).build()));

    assertThat(before).isEqualTo(ErrorCode.OUTSIDE_PERIOD);
    assertThat(after).isEqualTo(ErrorCode.OUTSIDE_PERIOD);
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("0"));
    assertThat(tally.usageLog()).isEmpty();
  }

  // --- check_quota

  @Test
  void checkQuotaReportsRemainingHeadroomAndAcceptanceWithoutChangingAnything() {
    ProductResource overage = tally.aResourceSoldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002");
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(overage, "1000", SubscriptionTerms.plain().withOverage("0.005", "200"));
    tally.use("acme", overage, "900");
    long ledgerBefore = tally.ledgerEntryCount();

    QuotaCheck fits = subscriptions.checkQuota(subscription.id(), tokens("250"));
    QuotaCheck tooMuch = subscriptions.checkQuota(subscription.id(), tokens("301"));

    assertThat(fits.quotaTotal()).isEqualTo(tokens("1000"));
    assertThat(fits.quotaUsed()).isEqualTo(tokens("900"));
    assertThat(fits.remaining()).isEqualTo(tokens("100"));
    assertThat(fits.overageAllowed()).isTrue();
    assertThat(fits.overageHeadroom()).contains(tokens("200"));
    assertThat(fits.accepted()).isTrue();
    assertThat(fits.refusal()).isEmpty();
    assertThat(tooMuch.accepted()).isFalse();
    assertThat(tooMuch.refusal()).isPresent();
    Subscription after = tally.subscription(subscription.id());
    assertThat(after.quotaUsed()).isEqualTo(tokens("900"));
    assertThat(after.overageUsed()).isEqualTo(tokens("0"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.ledgerEntryCount()).isEqualTo(ledgerBefore);
  }

  @Test
  void checkQuotaOfAnEndedAutoRenewingSubscriptionJudgesTheAmountAgainstTheFreshQuota() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().autoRenewing());
    tally.use("acme", llm, "1000");
    tally.clock().set(APRIL.plus(Duration.ofDays(1)));

    QuotaCheck fits = subscriptions.checkQuota(subscription.id(), tokens("600"));
    QuotaCheck beyondAWholePeriod = subscriptions.checkQuota(subscription.id(), tokens("1500"));

    assertThat(fits.accepted()).isTrue();
    // a use of 1500 would renew the subscription and then be refused: 1500 > 1000
    assertThat(refusalOf(() -> tally.use("acme", llm, "1500")))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(beyondAWholePeriod.accepted()).isFalse();
  }

  @Test
  void checkQuotaOfAQuotaModeSubscriptionAllowsNoOverage() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");
    tally.use("acme", llm, "900");

    QuotaCheck exact = subscriptions.checkQuota(subscription.id(), tokens("100"));
    QuotaCheck beyond = subscriptions.checkQuota(subscription.id(), tokens("101"));

    assertThat(exact.accepted()).isTrue();
    assertThat(beyond.accepted()).isFalse();
    assertThat(beyond.remaining()).isEqualTo(tokens("100"));
    assertThat(beyond.overageAllowed()).isFalse();
    assertThat(beyond.overageHeadroom()).isEmpty();
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("900"));
  }
}
