package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.perUnit;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Operation;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Reference;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.SetOverage;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Billing mode 3: quota first, the rest charged as overage up to the cap. */
class OverageBillingTest {
  private final TestTally tally = TestTally.create();
  // 0.002 per token, served by supplier-1 at 0.001
  private final ProductResource llm =
      tally.aResourceSoldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002");

  @Test
  void splitsUseCrossingTheQuotaAndChargesOnlyTheOverageAtTheOveragePrice() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", null));
    tally.use("acme", llm, "800");

    UsageRecord usage = tally.use("acme", llm, "500").usage();

    assertThat(usage.billingMode()).isEqualTo(BillingMode.QUOTA_WITH_OVERAGE);
    assertThat(usage.usedAmount()).isEqualTo(tokens("500"));
    assertThat(usage.inQuota()).isEqualTo(tokens("200"));
    assertThat(usage.overage()).isEqualTo(tokens("300"));
    // 300 x 0.005
    assertThat(usage.sellPrice()).isEqualTo(cny("1.5000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.5000"));
    Subscription after = tally.subscription(subscription.id());
    assertThat(after.quotaUsed()).isEqualTo(tokens("1000"));
    assertThat(after.overageUsed()).isEqualTo(tokens("300"));
    assertThat(tally.operationsFor(Reference.usage(usage.id())))
        .containsExactlyInAnyOrder(Operation.PAY, Operation.PAY_COST);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void chargesTheOverageAtItsShareOfTheSellPriceWithoutAnOveragePrice() {
    tally
        .aCustomer("acme")
        .recharged("10")
        .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage(null, null));

    UsageRecord usage = tally.use("acme", llm, "1300").usage();

    assertThat(usage.inQuota()).isEqualTo(tokens("1000"));
    assertThat(usage.overage()).isEqualTo(tokens("300"));
    // 300 of the 1300 tokens at the sell price 0.002, not the whole use
    assertThat(usage.sellPrice()).isEqualTo(cny("0.6000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.4000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesUseWhoseOverageExceedsWhatTheCapLeavesAndAppliesNothing() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", "200"));
    tally.use("acme", llm, "1100");

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "150"));

    assertThat(refusal).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    Subscription after = tally.subscription(subscription.id());
    assertThat(after.quotaUsed()).isEqualTo(tokens("1000"));
    assertThat(after.overageUsed()).isEqualTo(tokens("100"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.5000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void acceptsOverageUpToExactlyTheCap() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", "200"));
    tally.use("acme", llm, "1100");

    UsageRecord usage = tally.use("acme", llm, "100").usage();

    assertThat(usage.sellPrice()).isEqualTo(cny("0.5000"));
    assertThat(tally.subscription(subscription.id()).overageUsed()).isEqualTo(tokens("200"));
    assertThat(tally.subscription(subscription.id()).overageHeadroom()).contains(tokens("0"));
    assertThat(refusalOf(() -> tally.use("acme", llm, "1"))).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesOverageThatTheBalanceCannotPayAndConsumesNoQuota() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("1")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", null));
    tally.use("acme", llm, "900");

    // 100 in quota, 300 overage at 0.005 = 1.5 > 1
    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "400"));

    assertThat(refusal).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("900"));
    assertThat(tally.subscription(subscription.id()).overageUsed()).isEqualTo(tokens("0"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("1.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void behavesLikeQuotaModeWhenOverageIsNotAllowed() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(
                llm, "1000", SubscriptionTerms.plain().inMode(BillingMode.QUOTA_WITH_OVERAGE));
    tally.use("acme", llm, "600");

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "401"));

    assertThat(refusal).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("600"));
    assertThat(tally.subscription(subscription.id()).overageUsed()).isEqualTo(tokens("0"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void setOverageChangesTheTermsOfLaterUses() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", null));

    Subscription changed =
        tally
            .core()
            .subscriptions()
            .setOverage(
                new SetOverage(
                    subscription.id(),
                    true,
                    Optional.of(perUnit("0.01")),
                    Optional.of(tokens("50"))));

    assertThat(changed.overageUnitPrice()).contains(perUnit("0.01"));
    assertThat(changed.overageCap()).contains(tokens("50"));
    // 30 overage at the new price 0.01
    assertThat(tally.use("acme", llm, "1030").usage().sellPrice()).isEqualTo(cny("0.3000"));
    // 20 of the new cap is left
    assertThat(refusalOf(() -> tally.use("acme", llm, "30")))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.7000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void setOverageCanTurnOverageOff() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", null));

    tally
        .core()
        .subscriptions()
        .setOverage(new SetOverage(subscription.id(), false, Optional.empty(), Optional.empty()));

    assertThat(refusalOf(() -> tally.use("acme", llm, "1001")))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAnOverageCapBelowTheOverageAlreadyUsed() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage("0.005", "500"));
    tally.use("acme", llm, "1300");

    ErrorCode refusal =
        refusalOf(
            () ->
                tally
                    .core()
                    .subscriptions()
                    .setOverage(
                        new SetOverage(
                            subscription.id(),
                            true,
                            Optional.of(perUnit("0.005")),
                            Optional.of(tokens("299")))));

    assertThat(refusal).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(tally.subscription(subscription.id()).overageCap()).contains(tokens("500"));
  }

  @Test
  void refusesOverageTermsForAQuotaModeSubscription() {
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(llm, "1000", SubscriptionTerms.plain().inMode(BillingMode.QUOTA));

    ErrorCode refusal =
        refusalOf(
            () ->
                tally
                    .core()
                    .subscriptions()
                    .setOverage(
                        new SetOverage(
                            subscription.id(),
                            true,
                            Optional.of(perUnit("0.005")),
                            Optional.empty())));

    assertThat(refusal).isEqualTo(ErrorCode.INVALID_STATE);
    Subscription after = tally.subscription(subscription.id());
    assertThat(after.allowOverage()).isFalse();
    assertThat(after.overageUnitPrice()).isEmpty();
    assertThat(refusalOf(() -> tally.use("acme", llm, "1001")))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
  }

  @Test
  void refusesOverageTermsWhenSubscribingInQuotaModeAsSettingThemLaterIs() {
    TestTally.CustomerSetup acme = tally.aCustomer("acme").recharged("10");

    for (SubscriptionTerms terms :
        List.of(
            SubscriptionTerms.plain().withOverage("0.005", null).inMode(BillingMode.QUOTA),
            new SubscriptionTerms(
                Optional.of(BillingMode.QUOTA), false, Optional.of("0.005"), Optional.empty(), false, Optional.empty()),
            new SubscriptionTerms(
                Optional.of(BillingMode.QUOTA), false, Optional.empty(), Optional.of("500"), false, Optional.empty()))) {
      assertThat(refusalOf(() -> acme.subscribedTo(llm, "1000", terms))).isEqualTo(ErrorCode.INVALID_STATE);
    }
    assertThat(tally.core().subscriptions().subscriptions(SubscriptionQuery.ALL, PageRequest.first(10)).items())
        .isEmpty();
  }

  @Test
  void chargesPerUseAResourceMeteredInAnotherUnitThanTheQuota() {
    Product product = tally.aPublishedProduct("search bundle");
    ProductResource tokensResource =
        tally.anLlmResource(product, BillingMode.QUOTA_WITH_OVERAGE, "0.002");
    ProductResource calls =
        tally
            .core()
            .products()
            .bind(
                new BindResource(
                    product.id(),
                    ResourceType.UAPI,
                    "web-search",
                    BillingMode.QUOTA_WITH_OVERAGE,
                    Unit.CALL,
                    Optional.of(perUnit("0.05")),
                    Optional.empty(),
                    Optional.empty()));
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("10")
            .subscribedTo(
                tokensResource, "1000", SubscriptionTerms.plain().withOverage("0.005", null));

    UsageRecord usage =
        tally
            .core()
            .metering()
            .use(
                tally
                    .aUse("acme", tokensResource, "1")
                    .resourceId(calls.id())
                    .used(Quantity.of("4", Unit.CALL))
                    .build())
            .usage();

    assertThat(usage.productResourceId()).isEqualTo(calls.id());
    assertThat(usage.billingMode()).isEqualTo(BillingMode.PAY_PER_USE);
    // 4 calls x 0.05, none of it from the token quota
    assertThat(usage.sellPrice()).isEqualTo(cny("0.2000"));
    assertThat(usage.inQuota().isZero()).isTrue();
    assertThat(usage.overage().isZero()).isTrue();
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("0"));
    assertThat(tally.subscription(subscription.id()).overageUsed()).isEqualTo(tokens("0"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.8000"));
    assertThat(tally.verify().violations()).isEmpty();
  }
}
