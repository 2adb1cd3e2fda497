package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;

/**
 * An amount of use or quota in a {@link Unit}, at 4 decimals, never negative. Quantities of
 * different units cannot be combined. Immutable and thread-safe.
 */
public record Quantity(BigDecimal amount, Unit unit) implements Comparable<Quantity> {

  public Quantity {
    amount =
        Decimals.exact(amount, Rounding.QUANTITY_SCALE, Rounding.QUANTITY_INTEGER_DIGITS, "quantity");
    checkArgument(amount.signum() >= 0, "quantity is negative: %s", amount.toPlainString());
    checkNotNull(unit, "unit");
  }

  public static Quantity of(String amount, Unit unit) {
    return new Quantity(Decimals.parse(amount, "quantity"), unit);
  }

  public static Quantity of(long amount, Unit unit) {
    return new Quantity(BigDecimal.valueOf(amount), unit);
  }

  public static Quantity zero(Unit unit) {
    return new Quantity(BigDecimal.ZERO, unit);
  }

  public Quantity plus(Quantity other) {
    requireSameUnit(other);
    return new Quantity(amount.add(other.amount), unit);
  }

  /** {@code this - other}; fails when the result would be negative. */
  public Quantity minus(Quantity other) {
    requireSameUnit(other);
    return new Quantity(amount.subtract(other.amount), unit);
  }

  public Quantity min(Quantity other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  @Override
  public int compareTo(Quantity other) {
    requireSameUnit(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameUnit(Quantity other) {
    checkNotNull(other, "other quantity");
    checkArgument(unit.equals(other.unit), "cannot combine %s with %s", unit, other.unit);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + unit;
  }
}
