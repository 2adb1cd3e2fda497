package dev.tally.core.model;

import java.math.RoundingMode;

/** The single rounding rule of Tally: every amount is rounded half-up, once, where computed. */
public final class Rounding {
  /** Half-up, as the platform's accounting does. */
  public static final RoundingMode MODE = RoundingMode.HALF_UP;

  /**
   * Scale of balances, charges ({@code sell_price}, seed 003's {@code "dec": 6}), credit limits,
   * fees and holds: the platform charges to 6 decimals, so that a call costing a fraction of
   * 0.0001 is not rounded up to 0.0001.
   */
  public static final int MONEY_SCALE = 6;

  /** Scale of ledger amounts and supplier costs ({@code total_cost}, DECIMAL(15,6)). */
  public static final int LEDGER_SCALE = 6;

  /** Scale of unit prices and unit costs (DECIMAL(15,8)). */
  public static final int UNIT_PRICE_SCALE = 8;

  /** Scale of quantities: used amounts and quotas (DECIMAL(15,4)). */
  public static final int QUANTITY_SCALE = 4;

  /** Digits kept in intermediate results (division by a unit divisor) before the one rounding. */
  public static final int INTERMEDIATE_SCALE = 20;

  /**
   * Digits before the point of money: DECIMAL(17,6), the seed's DECIMAL(15,4) balance widened by
   * two decimals without losing an integer digit.
   */
  static final int MONEY_INTEGER_DIGITS = 11;

  /** Digits before the point of a quantity, DECIMAL(15,4). */
  static final int QUANTITY_INTEGER_DIGITS = 11;

  /** Digits before the point of DECIMAL(15,8): unit prices and costs. */
  static final int UNIT_PRICE_INTEGER_DIGITS = 7;

  /** Digits before the point of the ledger's DECIMAL(19,6) amounts. */
  static final int LEDGER_INTEGER_DIGITS = 13;

  /** Digits before the point of the usage log's DECIMAL(15,6) total_cost and sell_price. */
  public static final int USAGE_AMOUNT_INTEGER_DIGITS = 9;

  private Rounding() {}
}
