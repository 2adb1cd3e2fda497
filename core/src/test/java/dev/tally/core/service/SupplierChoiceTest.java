package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.perUnit;
import static dev.tally.core.testing.TestTally.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Reference;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.in.UpdateSupplierLink;
import dev.tally.core.testing.TestTally;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which supplier serves a use and what it costs: the active link of lowest priority, then lowest
 * cost, unless the caller names one; {@code total_cost = used x unit_cost} rounded half-up to 6
 * decimals.
 */
class SupplierChoiceTest {
  private final TestTally tally = TestTally.create();
  // sold at 0.002 per token, with no supplier yet
  private final ProductResource llm =
      tally.anLlmResource(tally.aPublishedProduct("chat"), BillingMode.PAY_PER_USE, "0.002");

  SupplierChoiceTest() {
    tally.aCustomer("acme").recharged("10");
  }

  private UsageRecord use(String amount) {
    return tally.use("acme", llm, amount).usage();
  }

  private UsageRecord useServedBy(String supplier, String amount) {
    return tally
        .core()
        .metering()
        .use(tally.aUse("acme", llm, amount).supplier(OrgId.of(supplier)).build())
        .usage();
  }

  @Test
  void theLowestPriorityNumberWinsOverALowerCost() {
    tally.linked(llm, "cheap", "0.0005", 2);
    tally.linked(llm, "preferred", "0.0015", 1);

    UsageRecord usage = use("1000");

    assertThat(usage.supplierOrgId()).contains(OrgId.of("preferred"));
    assertThat(usage.unitCost()).contains(perUnit("0.0015"));
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("1.5");
    assertThat(tally.accountTotal(AccountId.payable(OrgId.of("preferred"))))
        .isEqualByComparingTo("1.5");
    assertThat(tally.accountTotal(AccountId.payable(OrgId.of("cheap")))).isEqualByComparingTo("0");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void theLowestCostWinsAmongEqualPriorities() {
    tally.linked(llm, "dear", "0.0012", 1);
    tally.linked(llm, "cheap", "0.0009", 1);

    UsageRecord usage = use("1000");

    assertThat(usage.supplierOrgId()).contains(OrgId.of("cheap"));
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("0.9");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aSupplierTheCallerNamesWinsWhenActive() {
    tally.linked(llm, "preferred", "0.0005", 0);
    tally.linked(llm, "named", "0.0015", 5);

    UsageRecord usage = useServedBy("named", "1000");

    assertThat(usage.supplierOrgId()).contains(OrgId.of("named"));
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("1.5");
    assertThat(tally.accountTotal(AccountId.payable(OrgId.of("named"))))
        .isEqualByComparingTo("1.5");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aNamedSupplierThatIsInactiveOrUnlinkedIsUnavailable() {
    tally.linked(llm, "serving", "0.001", 0);
    tally.linked(llm, "retired", "0.001", 1);
    tally.aSupplier("unlinked");
    tally.core().products().setSupplierStatus(OrgId.of("retired"), SupplierStatus.INACTIVE);

    ErrorCode inactive = refusalOf(() -> useServedBy("retired", "1000"));
    ErrorCode unlinked = refusalOf(() -> useServedBy("unlinked", "1000"));

    assertThat(inactive).isEqualTo(ErrorCode.SUPPLIER_UNAVAILABLE);
    assertThat(unlinked).isEqualTo(ErrorCode.SUPPLIER_UNAVAILABLE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void skipsAnInactiveSupplierAndAnInactiveLink() {
    tally.linked(llm, "first", "0.001", 1);
    tally.linked(llm, "second", "0.001", 2);
    tally.linked(llm, "third", "0.003", 3);
    tally.core().products().setSupplierStatus(OrgId.of("first"), SupplierStatus.INACTIVE);
    tally
        .core()
        .products()
        .updateSupplierLink(
            new UpdateSupplierLink(
                llm.id(),
                OrgId.of("second"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(LinkStatus.INACTIVE)));

    UsageRecord usage = use("1000");

    assertThat(usage.supplierOrgId()).contains(OrgId.of("third"));
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("3");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesTheUseWhenEverySupplierIsInactive() {
    tally.linked(llm, "first", "0.001", 1);
    tally.linked(llm, "second", "0.001", 2);
    tally.core().products().setSupplierStatus(OrgId.of("first"), SupplierStatus.INACTIVE);
    tally
        .core()
        .products()
        .updateSupplierLink(
            new UpdateSupplierLink(
                llm.id(),
                OrgId.of("second"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(LinkStatus.INACTIVE)));

    ErrorCode refusal = refusalOf(() -> use("1000"));

    assertThat(refusal).isEqualTo(ErrorCode.SUPPLIER_UNAVAILABLE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aResourceWithoutSuppliersIsServedAtNoCost() {
    UsageRecord usage = use("1000");

    assertThat(usage.supplierOrgId()).isEmpty();
    assertThat(usage.unitCost()).isEmpty();
    assertThat(usage.totalCost().amount()).isEqualByComparingTo("0");
    assertThat(usage.sellPrice()).isEqualTo(cny("2.0000"));
    assertThat(tally.operationsFor(Reference.usage(usage.id()))).containsExactly(Operation.PAY);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void roundsTheTotalCostHalfUpToSixDecimals() {
    tally.linked(llm, "fractional", "0.00000033", 0);

    // 3 x 0.00000033 = 0.00000099
    UsageRecord upward = use("3");

    assertThat(upward.totalCost().amount()).isEqualByComparingTo("0.000001");
    assertThat(upward.totalCost().amount().scale()).isEqualTo(6);
    assertThat(tally.accountTotal(AccountId.payable(OrgId.of("fractional"))))
        .isEqualByComparingTo("0.000001");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void roundsAnExactHalfOfTheSixthDecimalUp() {
    tally.linked(llm, "halves", "0.0000005", 0);

    // 5 x 0.0000005 = 0.0000025: half-up gives 0.000003 (half-even would give 0.000002)
    UsageRecord half = use("5");

    assertThat(half.totalCost().amount()).isEqualByComparingTo("0.000003");
    // 5 x 0.002 = 0.01
    assertThat(half.sellPrice()).isEqualTo(cny("0.0100"));
    assertThat(tally.verify().violations()).isEmpty();
  }
}
