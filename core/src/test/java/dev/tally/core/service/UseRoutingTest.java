package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.perUnit;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.Metering;
import dev.tally.core.testing.TestTally;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which resource a use is of, and the gates a use passes before anything is charged: the
 * customer's status, its balance, the resource's minimum balance and the currency.
 */
class UseRoutingTest {
  private final TestTally tally = TestTally.create();
  private final Metering metering = tally.core().metering();

  private ProductResource bind(
      Product product,
      ResourceType type,
      String ref,
      UnitPrice price,
      Optional<Money> minBalance) {
    return tally
        .core()
        .products()
        .bind(
            new BindResource(
                product.id(),
                type,
                ref,
                BillingMode.PAY_PER_USE,
                Unit.TOKEN,
                Optional.of(price),
                Optional.empty(),
                minBalance));
  }

  // --- which resource

  @Test
  void usesTheOnlyActiveResourceWhenTheUseNamesNone() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");

    UsageRecord usage = tally.use("acme", llm, "1000").usage();

    assertThat(usage.productResourceId()).isEqualTo(llm.id());
    assertThat(usage.resourceType()).isEqualTo(ResourceType.LLM);
    assertThat(usage.resourceRefId()).isEqualTo(llm.resourceRefId());
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void needsTheResourceNamedWhenTheProductHasTwo() {
    Product product = tally.aPublishedProduct("chat and search");
    ProductResource llm =
        bind(product, ResourceType.LLM, "model-a", perUnit("0.002"), Optional.empty());
    ProductResource rag =
        bind(product, ResourceType.RAG, "kb-1", perUnit("0.001"), Optional.empty());
    tally.aCustomer("acme").recharged("10");

    ErrorCode neither = refusalOf(() -> tally.use("acme", llm, "1000"));
    UsageRecord byType =
        metering
            .use(tally.aUse("acme", llm, "1000").resourceType(ResourceType.RAG).build())
            .usage();
    UsageRecord byId =
        metering.use(tally.aUse("acme", llm, "1000").resourceId(llm.id()).build()).usage();

    assertThat(neither).isEqualTo(ErrorCode.RESOURCE_AMBIGUOUS);
    assertThat(byType.productResourceId()).isEqualTo(rag.id());
    assertThat(byType.sellPrice()).isEqualTo(cny("1.0000"));
    assertThat(byId.productResourceId()).isEqualTo(llm.id());
    assertThat(byId.sellPrice()).isEqualTo(cny("2.0000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("7.0000"));
    assertThat(tally.usageLog()).hasSize(2);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAResourceOfAnotherProduct() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    ProductResource other = tally.aPayPerUseResource("0.001");
    tally.aCustomer("acme").recharged("10");

    ErrorCode refusal =
        refusalOf(
            () -> metering.use(tally.aUse("acme", llm, "1000").resourceId(other.id()).build()));

    assertThat(refusal).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
  }

  @Test
  void refusesAUseOfAnUnboundResource() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");
    ProductResource unbound = tally.core().products().unbind(llm.productId(), llm.id(), false);
    assertThat(unbound.status()).isEqualTo(ResourceStatus.UNBOUND);

    ErrorCode unnamed = refusalOf(() -> tally.use("acme", llm, "1000"));
    ErrorCode named =
        refusalOf(() -> metering.use(tally.aUse("acme", llm, "1000").resourceId(llm.id()).build()));

    assertThat(unnamed).isEqualTo(ErrorCode.RESOURCE_INACTIVE);
    assertThat(named).isEqualTo(ErrorCode.RESOURCE_INACTIVE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
  }

  @Test
  void refusesAUseMeteredInAnotherUnit() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");

    ErrorCode refusal =
        refusalOf(
            () ->
                metering.use(
                    tally.aUse("acme", llm, "1").used(Quantity.of("1000", Unit.CALL)).build()));

    assertThat(refusal).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
  }

  @Test
  void refusesPayPerUseOfADraftProduct() {
    Product draft = tally.aDraftProduct("not yet");
    ProductResource llm = tally.anLlmResource(draft, BillingMode.PAY_PER_USE, "0.002");
    tally.aCustomer("acme").recharged("10");

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "1000"));

    assertThat(refusal).isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
  }

  // --- gates

  @Test
  void refusesEveryUseOfASuspendedCustomerEvenWithinQuota() {
    ProductResource quota = tally.aResourceSoldIn(BillingMode.QUOTA, "0.002");
    ProductResource payg = tally.aPayPerUseResource("0.002");
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(quota, "1000");

    tally.core().balances().suspend(OrgId.of("acme"));

    assertThat(refusalOf(() -> tally.use("acme", quota, "100")))
        .isEqualTo(ErrorCode.CUSTOMER_SUSPENDED);
    assertThat(refusalOf(() -> tally.use("acme", payg, "100")))
        .isEqualTo(ErrorCode.CUSTOMER_SUSPENDED);
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("0"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();

    tally.core().balances().resume(OrgId.of("acme"));

    assertThat(tally.use("acme", quota, "100").usage().inQuota()).isEqualTo(tokens("100"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAChargedUseOfACustomerWithoutBalance() {
    ProductResource llm = tally.aPayPerUseResource("0.002");

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "1000"));

    assertThat(refusal).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(tally.usageLog()).isEmpty();
    assertThat(refusalOf(() -> tally.balanceOf("acme"))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesChargedUsesWhileTheAvailableAmountIsAtMostTheMinimumBalance() {
    Product product = tally.aPublishedProduct("guarded");
    ProductResource guarded =
        bind(product, ResourceType.LLM, "model-g", perUnit("0.001"), Optional.of(cny("5")));
    tally.aCustomer("acme").recharged("6.5");

    // available 6.5 > 5, then 5.5 > 5: both accepted
    tally.use("acme", guarded, "1000");
    tally.use("acme", guarded, "500");
    // available 5 is not more than 5
    ErrorCode refusal = refusalOf(() -> tally.use("acme", guarded, "1"));

    assertThat(refusal).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("5.0000"));
    assertThat(tally.usageLog()).hasSize(2);

    tally.aCustomer("acme").recharged("0.0001");

    assertThat(tally.use("acme", guarded, "100").usage().sellPrice()).isEqualTo(cny("0.1000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("4.9001"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAPriceInAnotherCurrencyThanTheCustomers() {
    Product product = tally.aPublishedProduct("priced in dollars");
    ProductResource dollars =
        bind(
            product,
            ResourceType.LLM,
            "model-usd",
            UnitPrice.of("0.002", Currency.of("USD")),
            Optional.empty());
    tally.aCustomer("acme").recharged("10");

    ErrorCode refusal = refusalOf(() -> tally.use("acme", dollars, "1000"));

    assertThat(refusal).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }
}
