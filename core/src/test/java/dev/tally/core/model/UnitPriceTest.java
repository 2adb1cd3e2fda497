package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitPriceTest {
  private static final Currency CNY = Currency.CNY;

  private static UnitPrice perUnit(String price) {
    return UnitPrice.of(price, CNY);
  }

  @Test
  void keepsEightDecimalsWhateverTheInputScale() {
    assertThat(perUnit("0.002").perUnit().toPlainString()).isEqualTo("0.00200000");
    assertThat(new UnitPrice(new BigDecimal("3"), CNY).perUnit().scale()).isEqualTo(8);
  }

  @Test
  void equalityIgnoresTheInputScale() {
    assertThat(perUnit("0.002")).isEqualTo(perUnit("0.00200000"));
    assertThat(perUnit("0.002")).hasSameHashCodeAs(perUnit("0.00200000"));
    assertThat(perUnit("0.002")).isNotEqualTo(UnitPrice.of("0.002", Currency.of("USD")));
  }

  @Test
  void refusesMoreDecimalsThanItsScaleInsteadOfRounding() {
    assertThatIllegalArgumentException().isThrownBy(() -> perUnit("0.000000005"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new UnitPrice(new BigDecimal("1.123456789"), CNY));
  }

  @Test
  void isNeverNegative() {
    assertThatIllegalArgumentException().isThrownBy(() -> perUnit("-0.01"));
    assertThatIllegalArgumentException().isThrownBy(() -> perUnit("-0.00000001"));
    assertThat(perUnit("0").perUnit()).isEqualByComparingTo("0");
  }

  @Test
  void multipliesAQuantityExactlyLeavingTheRoundingToTheCaller() {
    Quantity used = Quantity.of("3", Unit.TOKEN);

    assertThat(perUnit("0.00000125").times(used)).isEqualByComparingTo("0.00000375");
    assertThat(perUnit("0.002").times(Quantity.of("1234", Unit.TOKEN)))
        .isEqualByComparingTo("2.468");
  }

  @Test
  void refusesAPriceTooLargeForTheUnitCostColumn() {
    // unit_cost is DECIMAL(15,8): 7 integer digits
    assertThat(perUnit("9999999.99999999").perUnit()).isEqualByComparingTo("9999999.99999999");
    assertThatIllegalArgumentException().isThrownBy(() -> perUnit("10000000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2e-3", "1E2", "", " 0.1", "0.1 ", "0.", ".5", "0,5", "cheap", "NaN"})
  void parseRefusesExponentsAndAnythingButAPlainDecimal(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> perUnit(text));
  }
}
