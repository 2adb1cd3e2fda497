package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {
  private static final Unit TOKEN = Unit.TOKEN;
  private static final Unit CALL = Unit.CALL;

  private static Quantity tokens(String amount) {
    return Quantity.of(amount, TOKEN);
  }

  @Test
  void keepsFourDecimalsWhateverTheInputScale() {
    assertThat(tokens("12.5").amount().toPlainString()).isEqualTo("12.5000");
    assertThat(Quantity.of(1200, TOKEN).amount().toPlainString()).isEqualTo("1200.0000");
    assertThat(tokens("0.25").plus(tokens("0.5")).amount().toPlainString()).isEqualTo("0.7500");
  }

  @Test
  void equalityIgnoresTheInputScale() {
    assertThat(tokens("1.5")).isEqualTo(tokens("1.5000"));
    assertThat(tokens("1.5")).hasSameHashCodeAs(tokens("1.5000"));
    assertThat(Quantity.of(3, TOKEN)).isEqualTo(tokens("3.0"));
    assertThat(tokens("1.5")).isNotEqualTo(Quantity.of("1.5", CALL));
  }

  @Test
  void refusesMoreDecimalsThanItsScaleInsteadOfRounding() {
    assertThatIllegalArgumentException().isThrownBy(() -> tokens("0.00005"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Quantity(new BigDecimal("10.00001"), TOKEN));
  }

  @Test
  void isNeverNegative() {
    assertThatIllegalArgumentException().isThrownBy(() -> tokens("-1"));
    assertThatIllegalArgumentException().isThrownBy(() -> tokens("-0.0001"));
    assertThatIllegalArgumentException().isThrownBy(() -> Quantity.of(-5, TOKEN));
    assertThatIllegalArgumentException().isThrownBy(() -> tokens("10").minus(tokens("10.0001")));
    assertThat(tokens("10").minus(tokens("10"))).isEqualTo(Quantity.zero(TOKEN));
  }

  @Test
  void refusesToCombineOrCompareTwoUnits() {
    Quantity tokens = tokens("5");
    Quantity calls = Quantity.of("5", CALL);

    assertThatIllegalArgumentException().isThrownBy(() -> tokens.plus(calls));
    assertThatIllegalArgumentException().isThrownBy(() -> tokens.minus(calls));
    assertThatIllegalArgumentException().isThrownBy(() -> tokens.compareTo(calls));
    assertThatIllegalArgumentException().isThrownBy(() -> tokens.min(calls));
  }

  @Test
  void holdsElevenIntegerDigitsAsTheUsedAmountColumnDoes() {
    assertThat(tokens("99999999999.9999").amount()).isEqualByComparingTo("99999999999.9999");

    assertThatIllegalArgumentException().isThrownBy(() -> tokens("100000000000"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> tokens("99999999999.9999").plus(tokens("0.0001")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e3", "1E2", "", " 7", "7 ", "7.", ".5", "1,5", "many", "NaN", "1_0"})
  void parseRefusesExponentsAndAnythingButAPlainDecimal(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> tokens(text));
  }

  @Test
  void comparesByValueWithinOneUnit() {
    assertThat(tokens("2")).isGreaterThan(tokens("1.9999"));
    assertThat(tokens("2").min(tokens("1.9999"))).isEqualTo(tokens("1.9999"));
    assertThat(tokens("0").isZero()).isTrue();
    assertThat(tokens("0.0001").isPositive()).isTrue();
  }
}
