package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of {@code docs/domain.md}, run exactly as printed there: one test per
 * example, named after its section. If a number here changes, change it in the document too.
 */
class DomainExamplesTest {
  private final TestTally tally = TestTally.create();

  @Test
  @DisplayName("docs/domain.md, Example 1: pay per use (billing mode 1)")
  void example1PayPerUse() {
    Product chat = tally.aPublishedProduct("Chat API");
    ProductResource llm = tally.anLlmResource(chat, BillingMode.PAY_PER_USE, "0.0012505");
    tally.linked(llm, "supplier-a", "0.0006125", 0);
    tally.linked(llm, "supplier-b", "0.0005", 1);
    tally.aCustomer("acme").recharged("10");

    UsageRecord usage = tally.use("acme", llm, "2001").usage();

    assertThat(usage.billingMode()).isEqualTo(BillingMode.PAY_PER_USE);
    // 2001 x 0.0012505 = 2.5022505: half-up at the sixth decimal (half-even would give 2.502250)
    assertThat(usage.sellPrice().amount().toPlainString()).isEqualTo("2.502251");
    assertThat(usage.supplierOrgId()).contains(OrgId.of("supplier-a"));
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("1.225613");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("7.497749"));
    assertThat(ledger())
        .containsExactlyInAnyOrder(
            "RECHARGE cash:platform -10.000000",
            "RECHARGE customer:acme +10.000000 balance_after 10.000000",
            "PAY customer:acme -2.502251 balance_after 7.497749",
            "PAY revenue:reseller-1 +2.502251",
            "PAY_COST cost:reseller-1 -1.225613",
            "PAY_COST payable:supplier-a +1.225613");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  @DisplayName("docs/domain.md, Example 2: quota (billing mode 2)")
  void example2Quota() {
    Product chat = tally.aPublishedProduct("Chat Pro");
    ProductResource llm = tally.anLlmResource(chat, BillingMode.QUOTA, "0.002");
    tally.linked(llm, "supplier-1", "0.0008", 0);
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("50")
            .subscribedTo(llm, "10000", SubscriptionTerms.plain().withFee("30"));

    assertThat(subscription.billingMode()).isEqualTo(BillingMode.QUOTA);
    assertThat(subscription.periodStart()).hasToString("2026-03-01T00:00:00Z");
    assertThat(subscription.periodEnd()).hasToString("2026-04-01T00:00:00Z");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20.000000"));

    UsageRecord usage = tally.use("acme", llm, "6000").usage();

    assertThat(usage.inQuota()).isEqualTo(tokens("6000"));
    assertThat(usage.overage()).isEqualTo(tokens("0"));
    assertThat(usage.sellPrice()).isEqualTo(cny("0"));
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("4.8");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20.000000"));
    assertThat(remainingQuota(subscription)).isEqualTo(tokens("4000"));

    assertThatThrownBy(() -> tally.use("acme", llm, "5000"))
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    assertThat(remainingQuota(subscription)).isEqualTo(tokens("4000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20.000000"));
    assertThat(usageRows()).isEqualTo(1);

    assertThat(ledger())
        .containsExactlyInAnyOrder(
            "RECHARGE cash:platform -50.000000",
            "RECHARGE customer:acme +50.000000 balance_after 50.000000",
            "SUBSCRIPTION_FEE customer:acme -30.000000 balance_after 20.000000",
            "SUBSCRIPTION_FEE revenue:reseller-1 +30.000000",
            "PAY_COST cost:reseller-1 -4.800000",
            "PAY_COST payable:supplier-1 +4.800000");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  @DisplayName("docs/domain.md, Example 3: quota with overage (billing mode 3)")
  void example3QuotaWithOverage() {
    Product chat = tally.aPublishedProduct("Chat Flex");
    ProductResource llm = tally.anLlmResource(chat, BillingMode.QUOTA_WITH_OVERAGE, "0.002");
    tally.linked(llm, "supplier-1", "0.001", 0);
    Subscription subscription =
        tally
            .aCustomer("acme")
            .recharged("20")
            .subscribedTo(llm, "10000", SubscriptionTerms.plain().withOverage("0.003", "5000"));

    UsageRecord first = tally.use("acme", llm, "8000").usage();

    assertThat(first.inQuota()).isEqualTo(tokens("8000"));
    assertThat(first.sellPrice()).isEqualTo(cny("0"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20.000000"));

    UsageRecord crossing = tally.use("acme", llm, "3500").usage();

    assertThat(crossing.billingMode()).isEqualTo(BillingMode.QUOTA_WITH_OVERAGE);
    assertThat(crossing.usedAmount()).isEqualTo(tokens("3500"));
    assertThat(crossing.inQuota()).isEqualTo(tokens("2000"));
    assertThat(crossing.overage()).isEqualTo(tokens("1500"));
    assertThat(crossing.sellPrice()).isEqualTo(cny("4.500000"));
    assertThat(crossing.totalCost().amount()).isEqualByComparingTo("3.5");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("15.500000"));
    Subscription after = tally.core().subscriptions().subscription(subscription.id());
    assertThat(after.quotaUsed()).isEqualTo(tokens("10000"));
    assertThat(after.overageUsed()).isEqualTo(tokens("1500"));
    assertThat(after.overageHeadroom()).contains(tokens("3500"));

    assertThatThrownBy(() -> tally.use("acme", llm, "4000"))
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("15.500000"));
    assertThat(usageRows()).isEqualTo(2);

    assertThat(ledger())
        .containsExactlyInAnyOrder(
            "RECHARGE cash:platform -20.000000",
            "RECHARGE customer:acme +20.000000 balance_after 20.000000",
            "PAY_COST cost:reseller-1 -8.000000",
            "PAY_COST payable:supplier-1 +8.000000",
            "PAY customer:acme -4.500000 balance_after 15.500000",
            "PAY revenue:reseller-1 +4.500000",
            "PAY_COST cost:reseller-1 -3.500000",
            "PAY_COST payable:supplier-1 +3.500000");
    assertThat(tally.verify().violations()).isEmpty();
  }

  private Quantity remainingQuota(Subscription subscription) {
    return tally.core().subscriptions().subscription(subscription.id()).remainingQuota();
  }

  private long usageRows() {
    return tally.core().metering().usage(UsageQuery.ALL, PageRequest.firstPage()).total();
  }

  /** Every leg of the ledger as {@code OPERATION account signed-amount [balance_after x]}. */
  private List<String> ledger() {
    return tally.core().ledger().records(LedgerQuery.ALL, PageRequest.first(100)).items().stream()
        .map(DomainExamplesTest::describe)
        .toList();
  }

  private static String describe(LedgerEntry leg) {
    String amount = leg.amount().amount().toPlainString();
    return leg.operation().code()
        + " "
        + leg.account()
        + " "
        + (leg.amount().amount().signum() > 0 ? "+" + amount : amount)
        + leg.balanceAfter()
            .map(after -> " balance_after " + after.amount().toPlainString())
            .orElse("");
  }
}
