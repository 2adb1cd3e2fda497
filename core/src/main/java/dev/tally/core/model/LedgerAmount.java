package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;

/**
 * A signed amount at the ledger's 6 decimals: a ledger leg, or a supplier cost ({@code
 * total_cost}). Customer-facing amounts are {@link Money}, at the same scale with fewer integer
 * digits, and convert to this type exactly. Immutable and thread-safe.
 */
public record LedgerAmount(BigDecimal amount, Currency currency) {

  public LedgerAmount {
    amount =
        Decimals.exact(amount, Rounding.LEDGER_SCALE, Rounding.LEDGER_INTEGER_DIGITS, "ledger amount");
    checkNotNull(currency, "currency");
  }

  public static LedgerAmount zero(Currency currency) {
    return new LedgerAmount(BigDecimal.ZERO, currency);
  }

  /** Rounds a computed amount to 6 decimals: the one place a supplier cost is rounded. */
  public static LedgerAmount rounded(BigDecimal computed, Currency currency) {
    checkNotNull(computed, "computed amount");
    return new LedgerAmount(computed.setScale(Rounding.LEDGER_SCALE, Rounding.MODE), currency);
  }

  public LedgerAmount plus(LedgerAmount other) {
    checkNotNull(other, "other amount");
    checkArgument(
        currency.equals(other.currency), "cannot combine %s with %s", currency, other.currency);
    return new LedgerAmount(amount.add(other.amount), currency);
  }

  public LedgerAmount negate() {
    return new LedgerAmount(amount.negate(), currency);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** True when this amount fits a balance (as every customer leg must): at most 11 integer digits. */
  public boolean fitsMoney() {
    return amount.precision() - amount.scale() <= Rounding.MONEY_INTEGER_DIGITS;
  }

  /** This amount as {@link Money}; only for amounts that {@link #fitsMoney()}. */
  public Money toMoney() {
    return new Money(amount, currency);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
