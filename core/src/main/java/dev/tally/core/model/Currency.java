package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A currency code such as {@code CNY}. Tally never converts between currencies: amounts of two
 * currencies cannot be added, and a price in a currency other than the customer's is refused.
 */
public record Currency(String code) {
  /** The default currency of a new customer. */
  public static final Currency CNY = new Currency("CNY");

  public Currency {
    checkNotNull(code, "currency code");
    checkArgument(
        code.matches("[A-Z]{3,8}"), "currency code must be 3 to 8 capital letters: '%s'", code);
  }

  public static Currency of(String code) {
    return new Currency(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
