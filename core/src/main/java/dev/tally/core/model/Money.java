package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;

/**
 * An amount a customer sees: a balance, a charge, a credit limit, a fee, a hold. Always at 6
 * decimals ({@link Rounding#MONEY_SCALE}) in one currency; arithmetic across currencies fails.
 * Immutable and thread-safe. Compare amounts with {@link #compareTo}, never {@code equals} on the
 * raw {@link BigDecimal}.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    amount =
        Decimals.exact(amount, Rounding.MONEY_SCALE, Rounding.MONEY_INTEGER_DIGITS, "money amount");
    checkNotNull(currency, "currency");
  }

  public static Money of(String amount, Currency currency) {
    return new Money(Decimals.parse(amount, "money amount"), currency);
  }

  /** The largest amount a balance, charge or limit can hold: what its column stores. */
  public static Money largest(Currency currency) {
    return new Money(
        BigDecimal.TEN.pow(Rounding.MONEY_INTEGER_DIGITS).subtract(BigDecimal.ONE.movePointLeft(Rounding.MONEY_SCALE)),
        currency);
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** Rounds a computed amount to the money scale: the one place a charge is rounded. */
  public static Money rounded(BigDecimal computed, Currency currency) {
    checkNotNull(computed, "computed amount");
    return new Money(computed.setScale(Rounding.MONEY_SCALE, Rounding.MODE), currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** The same amount as a ledger amount; exact, as both carry 6 decimals. */
  public LedgerAmount toLedger() {
    return new LedgerAmount(amount, currency);
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    checkNotNull(other, "other amount");
    checkArgument(
        currency.equals(other.currency),
        "cannot combine %s with %s",
        currency,
        other.currency);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
