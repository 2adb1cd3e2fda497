package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.CharMatcher;

/**
 * A currency code such as {@code CNY}. Tally never converts between currencies: amounts of two
 * currencies cannot be added, and a price in a currency other than the customer's is refused.
 */
public record Currency(String code) {
  // before CNY, which its constructor checks against it
  private static final TextShape CODE = TextShape.of(CharMatcher.inRange('A', 'Z'), 3, 8);

  /** The default currency of a new customer. */
  public static final Currency CNY = new Currency("CNY");

  public Currency {
    checkNotNull(code, "currency code");
    checkArgument(
        CODE.matches(code), "currency code must be 3 to 8 capital letters: '%s'", code);
  }

  public static Currency of(String code) {
    return new Currency(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
