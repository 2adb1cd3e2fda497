package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.UseResult;
import dev.tally.core.testing.TestTally;
import org.junit.jupiter.api.Test;

class PayPerUseTest {
  private final TestTally tally = TestTally.create();

  @Test
  void chargesEveryUseAtSellPriceAndRecordsSupplierCost() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");

    UseResult result = tally.use("acme", llm, "1234");

    assertThat(result.replayed()).isFalse();
    assertThat(result.usage().billingMode()).isEqualTo(BillingMode.PAY_PER_USE);
    assertThat(result.usage().sellPrice()).isEqualTo(cny("2.4680"));
    assertThat(result.usage().totalCost().amount()).isEqualByComparingTo("1.234");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("7.5320"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void goesIntoArrearsWithinTheCreditLimitAndNoFurther() {
    ProductResource llm = tally.aPayPerUseResource("0.01");
    tally.aCustomer("acme").recharged("1").withCreditLimit("2");

    tally.use("acme", llm, "250");

    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("-1.5000"));
    assertThat(tally.balanceOf("acme").status()).isEqualTo(BalanceStatus.ARREARS);
    assertThatThrownBy(() -> tally.use("acme", llm, "100"))
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("-1.5000"));
    assertThat(tally.verify().violations()).isEmpty();
  }
}
