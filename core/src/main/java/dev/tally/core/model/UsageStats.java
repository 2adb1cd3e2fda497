package dev.tally.core.model;

import java.math.BigDecimal;

/**
 * Usage totals of one group (a product, supplier, org, user or business day) and unit: how much
 * was used, what it cost the reseller, what customers were charged, and the margin between them.
 * Amounts are summed as recorded; a deployment bills in one currency.
 */
public record UsageStats(
    String key,
    String unit,
    long uses,
    BigDecimal used,
    BigDecimal cost,
    BigDecimal revenue,
    BigDecimal margin) {

  /** Totals of a group, with the margin {@code revenue - cost}. */
  public static UsageStats of(
      String key, String unit, long uses, BigDecimal used, BigDecimal cost, BigDecimal revenue) {
    return new UsageStats(key, unit, uses, used, cost, revenue, revenue.subtract(cost));
  }
}
