package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Operation;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Reference;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.testing.TestTally;
import org.junit.jupiter.api.Test;

/** Billing mode 2: uses draw on the subscription's quota, and a use beyond it is refused whole. */
class QuotaBillingTest {
  private final TestTally tally = TestTally.create();
  // 0.002 per token, served by supplier-1 at 0.001
  private final ProductResource llm = tally.aResourceSoldIn(BillingMode.QUOTA, "0.002");

  @Test
  void chargesNothingForUsesWithinQuotaAndConsumesIt() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");

    UsageRecord usage = tally.use("acme", llm, "400").usage();

    assertThat(usage.billingMode()).isEqualTo(BillingMode.QUOTA);
    assertThat(usage.sellPrice()).isEqualTo(cny("0.0000"));
    assertThat(usage.inQuota()).isEqualTo(tokens("400"));
    assertThat(usage.overage()).isEqualTo(tokens("0"));
    assertThat(usage.subscriptionId()).contains(subscription.id());
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("400"));
    assertThat(tally.subscription(subscription.id()).remainingQuota()).isEqualTo(tokens("600"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesUseBeyondRemainingQuotaAndChangesNothing() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");
    tally.use("acme", llm, "900");
    long ledgerBefore = tally.ledgerEntryCount();

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "200"));

    assertThat(refusal).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("900"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.ledgerEntryCount()).isEqualTo(ledgerBefore);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void quotaUsedNeverExceedsQuotaTotal() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");
    tally.use("acme", llm, "600");
    tally.use("acme", llm, "400");

    ErrorCode refusal = refusalOf(() -> tally.use("acme", llm, "1"));

    assertThat(refusal).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    Subscription after = tally.subscription(subscription.id());
    assertThat(after.quotaUsed()).isEqualTo(tokens("1000"));
    assertThat(after.remainingQuota()).isEqualTo(tokens("0"));
    assertThat(after.overageUsed()).isEqualTo(tokens("0"));
    assertThat(tally.usageLog()).hasSize(2);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void postsSupplierCostButNoPayForAnInQuotaUse() {
    tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1000");

    UsageRecord usage = tally.use("acme", llm, "400").usage();

    assertThat(usage.supplierOrgId()).contains(TestTally.SUPPLIER);
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("0.4");
    assertThat(tally.operationsFor(Reference.usage(usage.id())))
        .containsExactly(Operation.PAY_COST);
    assertThat(tally.entriesOf(Operation.PAY)).isEmpty();
    assertThat(tally.accountTotal(AccountId.payable(TestTally.SUPPLIER)))
        .isEqualByComparingTo("0.4");
    assertThat(tally.accountTotal(AccountId.cost(TestTally.RESELLER)))
        .isEqualByComparingTo("-0.4");
    assertThat(tally.accountTotal(AccountId.revenue(TestTally.RESELLER))).isEqualByComparingTo("0");
    assertThat(tally.verify().violations()).isEmpty();
  }
}
