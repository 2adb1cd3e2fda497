package dev.tally.core.model;

import java.math.RoundingMode;

/** The single rounding rule of Tally: every amount is rounded half-up, once, where computed. */
public final class Rounding {
  /** Half-up, as the platform's accounting does. */
  public static final RoundingMode MODE = RoundingMode.HALF_UP;

  /** Scale of balances, charges, credit limits, fees and holds (DECIMAL(15,4)). */
  public static final int MONEY_SCALE = 4;

  /** Scale of ledger amounts and supplier costs (DECIMAL(15,6)). */
  public static final int LEDGER_SCALE = 6;

  /** Scale of unit prices and unit costs (DECIMAL(15,8)). */
  public static final int UNIT_PRICE_SCALE = 8;

  /** Scale of quantities: used amounts and quotas (DECIMAL(15,4)). */
  public static final int QUANTITY_SCALE = 4;

  /** Digits kept in intermediate results (division by a unit divisor) before the one rounding. */
  public static final int INTERMEDIATE_SCALE = 20;

  /** Largest magnitude a DECIMAL(15,4) column holds. */
  static final int INTEGER_DIGITS = 11;

  private Rounding() {}
}
