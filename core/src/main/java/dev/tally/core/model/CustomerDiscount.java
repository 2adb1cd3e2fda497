package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The discount a reseller gives one customer org ({@code customer_discount}): a multiplier applied
 * to every charge for a use of the reseller's products, after the pricing programme's own discount
 * ({@code 0.95} for 5% off, {@code 1} for none). It changes charges, never fees or settled holds,
 * whose amounts are set by whoever asks for them. Immutable.
 *
 * @param updatedAt when the discount was last set
 */
public record CustomerDiscount(
    OrgId resellerOrgId, OrgId customerOrgId, BigDecimal multiplier, Instant updatedAt) {

  /** The most decimals a multiplier carries (its column is DECIMAL(12,6)). */
  public static final int SCALE = 6;

  public CustomerDiscount {
    checkNotNull(resellerOrgId, "reseller org id");
    checkNotNull(customerOrgId, "customer org id");
    multiplier = checkMultiplier(multiplier);
    checkNotNull(updatedAt, "updated at");
  }

  /**
   * Checks a discount multiplier: from 0 (free) to 1 (no discount), at most {@value #SCALE}
   * decimals; returns it without trailing zeros.
   */
  public static BigDecimal checkMultiplier(BigDecimal multiplier) {
    checkNotNull(multiplier, "discount");
    checkArgument(
        multiplier.signum() >= 0 && multiplier.compareTo(BigDecimal.ONE) <= 0,
        "discount is a multiplier from 0 to 1 (0.95 for 5%% off): %s",
        multiplier.toPlainString());
    BigDecimal stripped = multiplier.stripTrailingZeros();
    checkArgument(
        stripped.scale() <= SCALE,
        "discount has more than %s decimals: %s",
        SCALE,
        multiplier.toPlainString());
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
