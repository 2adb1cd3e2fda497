package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;

/**
 * A price per unit at 8 decimals: a sell price ({@code unit_price}), a supplier cost ({@code
 * unit_cost}) or an overage price. Never negative. Multiplying by a {@link Quantity} gives an
 * unrounded amount; the caller rounds it once, to {@link Money} or {@link LedgerAmount}.
 */
public record UnitPrice(BigDecimal perUnit, Currency currency) {

  public UnitPrice {
    perUnit =
        Decimals.exact(perUnit, Rounding.UNIT_PRICE_SCALE, Rounding.UNIT_PRICE_INTEGER_DIGITS, "unit price");
    checkArgument(perUnit.signum() >= 0, "unit price is negative: %s", perUnit.toPlainString());
    checkNotNull(currency, "currency");
  }

  public static UnitPrice of(String perUnit, Currency currency) {
    return new UnitPrice(Decimals.parse(perUnit, "unit price"), currency);
  }

  /** The exact product {@code quantity x this price}, not yet rounded. */
  public BigDecimal times(Quantity quantity) {
    return perUnit.multiply(quantity.amount());
  }

  @Override
  public String toString() {
    return perUnit.toPlainString() + " " + currency;
  }
}
