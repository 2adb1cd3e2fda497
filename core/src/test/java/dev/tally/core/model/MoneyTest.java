package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  private static final Currency CNY = Currency.CNY;
  private static final Currency USD = Currency.of("USD");

  private static Money cny(String amount) {
    return Money.of(amount, CNY);
  }

  @Test
  void keepsSixDecimalsWhateverTheInputScale() {
    assertThat(cny("1.5").amount().toPlainString()).isEqualTo("1.500000");
    assertThat(new Money(new BigDecimal("7"), CNY).amount().scale()).isEqualTo(6);
    assertThat(cny("2.25").plus(cny("0.7")).amount().toPlainString()).isEqualTo("2.950000");
    assertThat(cny("2.25").minus(cny("3")).amount().toPlainString()).isEqualTo("-0.750000");
    assertThat(Money.zero(CNY).amount().toPlainString()).isEqualTo("0.000000");
  }

  @Test
  void equalityIgnoresTheInputScale() {
    assertThat(cny("1.5")).isEqualTo(cny("1.500000"));
    assertThat(cny("1.5")).hasSameHashCodeAs(cny("1.5000"));
    assertThat(new Money(new BigDecimal("3"), CNY)).isEqualTo(cny("3.0000"));
    assertThat(cny("1.5")).isNotEqualTo(Money.of("1.5", USD));
  }

  @Test
  void roundsHalfUpAwayFromZeroAtTheSixthDecimal() {
    assertThat(Money.rounded(new BigDecimal("0.0000005"), CNY)).isEqualTo(cny("0.000001"));
    assertThat(Money.rounded(new BigDecimal("-0.0000005"), CNY)).isEqualTo(cny("-0.000001"));
    assertThat(Money.rounded(new BigDecimal("0.0000004"), CNY)).isEqualTo(cny("0"));
    assertThat(Money.rounded(new BigDecimal("2.4680005"), CNY)).isEqualTo(cny("2.468001"));
    assertThat(Money.rounded(new BigDecimal("7"), CNY)).isEqualTo(cny("7.000000"));
  }

  @Test
  void chargesASmallCallToTheMillionthNotToTheTenThousandth() {
    // 15 prompt and 3 completion tokens at 2.1 and 8.4 per million: 0.0000567
    BigDecimal exact =
        new BigDecimal("15").multiply(new BigDecimal("2.1"))
            .add(new BigDecimal("3").multiply(new BigDecimal("8.4")))
            .divide(new BigDecimal("1000000"));

    assertThat(exact).isEqualByComparingTo("0.0000567");
    assertThat(Money.rounded(exact, CNY).amount().toPlainString()).isEqualTo("0.000057");
  }

  @Test
  void roundsOnceNotDigitByDigit() {
    // 0.00000049 rounded step by step (to 0.0000005, then 0.000001) would gain a millionth
    assertThat(Money.rounded(new BigDecimal("0.00000049"), CNY)).isEqualTo(cny("0"));
    assertThat(Money.rounded(new BigDecimal("0.0000014999999"), CNY)).isEqualTo(cny("0.000001"));
    assertThat(Money.rounded(new BigDecimal("-0.000000499"), CNY)).isEqualTo(cny("0"));
  }

  @Test
  void refusesMoreDecimalsThanItsScaleInsteadOfRounding() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Money(new BigDecimal("0.0000005"), CNY));
    assertThatIllegalArgumentException().isThrownBy(() -> cny("1.0000001"));
    assertThatIllegalArgumentException().isThrownBy(() -> cny("-2.1234567"));
  }

  @Test
  void refusesToCombineOrCompareTwoCurrencies() {
    Money yuan = cny("1");
    Money dollar = Money.of("1", USD);

    assertThatIllegalArgumentException().isThrownBy(() -> yuan.plus(dollar));
    assertThatIllegalArgumentException().isThrownBy(() -> yuan.minus(dollar));
    assertThatIllegalArgumentException().isThrownBy(() -> yuan.compareTo(dollar));
    assertThatIllegalArgumentException().isThrownBy(() -> yuan.min(dollar));
  }

  @Test
  void comparesByValueWithinOneCurrency() {
    assertThat(cny("1.5").compareTo(cny("1.50"))).isZero();
    assertThat(cny("-0.000001")).isLessThan(cny("0"));
    assertThat(cny("2").min(cny("1.999999"))).isEqualTo(cny("1.999999"));
  }

  @Test
  void holdsElevenIntegerDigitsAsTheBalanceColumnDoes() {
    assertThat(cny("99999999999.999999").amount()).isEqualByComparingTo("99999999999.999999");
    assertThat(cny("-99999999999.999999").amount()).isEqualByComparingTo("-99999999999.999999");

    assertThatIllegalArgumentException().isThrownBy(() -> cny("100000000000"));
    assertThatIllegalArgumentException().isThrownBy(() -> cny("-100000000000"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Money(new BigDecimal("1E+11"), CNY));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cny("99999999999.999999").plus(cny("0.000001")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e3", "1E-2", "", " ", " 1", "1 ", "1.", ".5", "1,5", "abc", "0x1A", "NaN", "Infinity",
        "1.2.3", "--1", "1_000", "\u0661\u0662"
      })
  void parseRefusesExponentsAndAnythingButAPlainDecimal(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> cny(text));
  }

  @Test
  void parsesPlainSignedDecimals() {
    assertThat(cny("-0.5").amount()).isEqualByComparingTo("-0.5");
    assertThat(cny("+3").amount()).isEqualByComparingTo("3");
    assertThat(cny("12.3400").amount()).isEqualByComparingTo("12.34");
  }

  @Test
  void convertsToTheLedgerScaleExactly() {
    LedgerAmount ledger = cny("1.234567").toLedger();

    assertThat(ledger.amount().toPlainString()).isEqualTo("1.234567");
    assertThat(ledger.currency()).isEqualTo(CNY);
    assertThat(ledger.toMoney()).isEqualTo(cny("1.234567"));
  }

  @Test
  void tellsItsSign() {
    assertThat(cny("0.000001").isPositive()).isTrue();
    assertThat(cny("-0.000001").isNegative()).isTrue();
    assertThat(cny("0.000000").isZero()).isTrue();
    assertThat(cny("5").negate()).isEqualTo(cny("-5"));
  }
}
