package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;

/** Checks shared by the decimal value types: a fixed scale and a column-sized magnitude. */
final class Decimals {
  private Decimals() {}

  /**
   * Returns {@code value} at exactly {@code scale} decimals and at most {@code integerDigits}
   * digits before the point (what its column holds), refusing a value that would need
   * rounding (rounding happens once, where an amount is computed, never silently on the way in).
   */
  static BigDecimal exact(BigDecimal value, int scale, int integerDigits, String what) {
    checkNotNull(value, what);
    checkArgument(
        value.stripTrailingZeros().scale() <= scale,
        "%s has more than %s decimals: %s",
        what,
        scale,
        value.toPlainString());
    BigDecimal scaled = value.setScale(scale);
    checkArgument(
        scaled.precision() - scaled.scale() <= integerDigits,
        "%s is too large: %s",
        what,
        value.toPlainString());
    return scaled;
  }

  /**
   * Whether {@code value}, at {@code scale} decimals (rounded as every amount is), has at most
   * {@code integerDigits} digits before the point: what its column holds.
   */
  static boolean fits(BigDecimal value, int scale, int integerDigits) {
    BigDecimal scaled = value.setScale(scale, Rounding.MODE);
    return scaled.precision() - scaled.scale() <= integerDigits;
  }

  /** Parses a decimal string such as {@code "12.50"}; rejects exponents, blanks and garbage. */
  static BigDecimal parse(String text, String what) {
    checkNotNull(text, what);
    checkArgument(
        text.matches("[-+]?\\d{1,15}(\\.\\d{1,20})?"), "%s is not a decimal number: '%s'", what, text);
    return new BigDecimal(text);
  }
}
