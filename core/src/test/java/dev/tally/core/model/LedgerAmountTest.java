package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LedgerAmountTest {
  private static final Currency CNY = Currency.CNY;

  private static LedgerAmount ledger(String amount) {
    return new LedgerAmount(new BigDecimal(amount), CNY);
  }

  @Test
  void keepsSixDecimalsWhateverTheInputScale() {
    assertThat(ledger("1.5").amount().toPlainString()).isEqualTo("1.500000");
    assertThat(ledger("-2").amount().toPlainString()).isEqualTo("-2.000000");
    assertThat(ledger("0.25").plus(ledger("0.000001")).amount().toPlainString())
        .isEqualTo("0.250001");
  }

  @Test
  void equalityIgnoresTheInputScale() {
    assertThat(ledger("1.5")).isEqualTo(ledger("1.500000"));
    assertThat(ledger("1.5")).hasSameHashCodeAs(ledger("1.500000"));
  }

  @Test
  void refusesMoreDecimalsThanItsScaleInsteadOfRounding() {
    assertThatIllegalArgumentException().isThrownBy(() -> ledger("0.0000005"));
    assertThatIllegalArgumentException().isThrownBy(() -> ledger("-1.1234567"));
  }

  @Test
  void roundsHalfUpOnceAtTheSixthDecimal() {
    assertThat(LedgerAmount.rounded(new BigDecimal("0.0000005"), CNY))
        .isEqualTo(ledger("0.000001"));
    assertThat(LedgerAmount.rounded(new BigDecimal("-0.0000005"), CNY))
        .isEqualTo(ledger("-0.000001"));
    assertThat(LedgerAmount.rounded(new BigDecimal("0.0000004"), CNY)).isEqualTo(ledger("0"));
    assertThat(LedgerAmount.rounded(new BigDecimal("0.00000049"), CNY)).isEqualTo(ledger("0"));
    assertThat(LedgerAmount.rounded(new BigDecimal("1.2340005"), CNY))
        .isEqualTo(ledger("1.234001"));
  }

  @Test
  void refusesToAddTwoCurrencies() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ledger("1").plus(new LedgerAmount(BigDecimal.ONE, Currency.of("USD"))));
  }

  @Test
  void holdsEveryMoneyAmountAndNoMoreIntegerDigitsThanItsColumn() {
    assertThat(ledger("-99999999999.9999").amount()).isEqualByComparingTo("-99999999999.9999");
    assertThat(ledger("9999999999999.999999").amount())
        .isEqualByComparingTo("9999999999999.999999");
    assertThatIllegalArgumentException().isThrownBy(() -> ledger("10000000000000"));
  }

  @Test
  void becomesMoneyToTheLastDecimalWhenItFitsABalance() {
    assertThat(ledger("0.000057").fitsMoney()).isTrue();
    assertThat(ledger("0.000057").toMoney()).isEqualTo(Money.of("0.000057", CNY));
    assertThat(ledger("-99999999999.999999").fitsMoney()).isTrue();
    assertThat(ledger("100000000000").fitsMoney()).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> ledger("100000000000").toMoney());
  }

  @Test
  void negatesAndTellsZero() {
    assertThat(ledger("2.5").negate()).isEqualTo(ledger("-2.5"));
    assertThat(LedgerAmount.zero(CNY).isZero()).isTrue();
    assertThat(ledger("0.000001").isZero()).isFalse();
  }
}
