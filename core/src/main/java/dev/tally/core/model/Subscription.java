package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A customer org's subscription to a product ({@code product_subscription}): a billing mode, a
 * quota for the current period, overage terms and a fee charged at subscribe and each renewal.
 * Immutable; every change returns a new value.
 *
 * <p>Quota and overage are counted in the unit of {@code quotaTotal}. The overage cap, when set,
 * bounds the overage used in one period, in the same unit.
 *
 * @param period the length of one period; a renewal starts a new period of this length
 */
public record Subscription(
    SubscriptionId id,
    ProductId productId,
    UserId userId,
    OrgId orgId,
    BillingMode billingMode,
    Quantity quotaTotal,
    Quantity quotaUsed,
    Instant periodStart,
    Instant periodEnd,
    Period period,
    boolean allowOverage,
    Optional<UnitPrice> overageUnitPrice,
    Optional<Quantity> overageCap,
    Quantity overageUsed,
    SubscriptionStatus status,
    boolean autoRenew,
    Money fee,
    Instant createdAt) {

  public Subscription {
    checkNotNull(id, "id");
    checkNotNull(productId, "product id");
    checkNotNull(userId, "user id");
    checkNotNull(orgId, "org id");
    checkNotNull(billingMode, "billing mode");
    checkNotNull(quotaTotal, "quota total");
    checkNotNull(quotaUsed, "quota used");
    checkArgument(quotaUsed.unit().equals(quotaTotal.unit()), "quota used and total share a unit");
    checkNotNull(periodStart, "period start");
    checkNotNull(periodEnd, "period end");
    checkArgument(periodStart.isBefore(periodEnd), "period must end after it starts");
    checkNotNull(period, "period");
    checkArgument(
        !period.isNegative() && !period.isZero(), "period must be positive: %s", period);
    checkNotNull(overageUnitPrice, "overage unit price");
    checkNotNull(overageCap, "overage cap");
    overageCap.ifPresent(
        cap -> checkArgument(cap.unit().equals(quotaTotal.unit()), "overage cap is in quota unit"));
    checkNotNull(overageUsed, "overage used");
    checkArgument(overageUsed.unit().equals(quotaTotal.unit()), "overage used is in quota unit");
    checkNotNull(status, "status");
    checkNotNull(fee, "fee");
    checkArgument(!fee.isNegative(), "fee is negative: %s", fee);
    checkNotNull(createdAt, "createdAt");
  }

  /** The end of a period of {@code period} length starting at {@code start} (UTC calendar). */
  public static Instant periodEndFrom(Instant start, Period period) {
    return start.atZone(ZoneOffset.UTC).plus(period).toInstant();
  }

  public Unit quotaUnit() {
    return quotaTotal.unit();
  }

  /** True once the clock has reached the end of the current period. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(periodEnd);
  }

  public boolean isWithinPeriod(Instant time) {
    return !time.isBefore(periodStart) && time.isBefore(periodEnd);
  }

  /** Active or suspended: the subscription that blocks a second one for the same org and product. */
  public boolean isCurrent() {
    return status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.SUSPENDED;
  }

  public boolean allowsOverage() {
    return billingMode == BillingMode.QUOTA_WITH_OVERAGE && allowOverage;
  }

  public Quantity remainingQuota() {
    return quotaUsed.compareTo(quotaTotal) >= 0
        ? Quantity.zero(quotaUnit())
        : quotaTotal.minus(quotaUsed);
  }

  /** How much overage may still be used this period; empty when it is unlimited. */
  public Optional<Quantity> overageHeadroom() {
    return overageCap.map(
        cap -> cap.compareTo(overageUsed) > 0 ? cap.minus(overageUsed) : Quantity.zero(quotaUnit()));
  }

  /**
   * Divides {@code amount} between the remaining quota and overage, or refuses it whole with
   * {@code quota_exceeded}: a use is never partly applied.
   */
  public QuotaSplit split(Quantity amount) {
    checkArgument(amount.unit().equals(quotaUnit()), "use is counted in %s", quotaUnit());
    Quantity remaining = remainingQuota();
    Quantity inQuota = amount.min(remaining);
    Quantity overage = amount.minus(inQuota);
    if (overage.isPositive()) {
      if (!allowsOverage()) {
        throw TallyException.of(
            ErrorCode.QUOTA_EXCEEDED,
            "subscription %s has %s of quota left and no overage; the use needs %s",
            id,
            remaining,
            amount);
      }
      BigDecimal counted = overageUsed.amount().add(overage.amount());
      if (!Decimals.fits(counted, Rounding.QUANTITY_SCALE, Rounding.MONEY_INTEGER_DIGITS)) {
        throw TallyException.of(
            ErrorCode.AMOUNT_OUT_OF_RANGE,
            "subscription %s has counted %s of overage this period; %s more would pass %s, the"
                + " largest quantity Tally stores",
            id,
            overageUsed,
            overage,
            BigDecimal.TEN.pow(Rounding.MONEY_INTEGER_DIGITS).toPlainString());
      }
      Optional<Quantity> headroom = overageHeadroom();
      if (headroom.isPresent() && overage.compareTo(headroom.get()) > 0) {
        throw TallyException.of(
            ErrorCode.QUOTA_EXCEEDED,
            "subscription %s would exceed its overage cap: %s of overage left, the use needs %s",
            id,
            headroom.get(),
            overage);
      }
    }
    return new QuotaSplit(inQuota, overage);
  }

  /** This subscription after a use that took {@code split}. */
  public Subscription consumed(QuotaSplit split) {
    return new Subscription(
        id, productId, userId, orgId, billingMode, quotaTotal, quotaUsed.plus(split.inQuota()),
        periodStart, periodEnd, period, allowOverage, overageUnitPrice, overageCap,
        overageUsed.plus(split.overage()), status, autoRenew, fee, createdAt);
  }

  /** A new period from {@code start}, with quota and overage used back to zero. */
  public Subscription renewedFrom(Instant start) {
    return new Subscription(
        id, productId, userId, orgId, billingMode, quotaTotal, Quantity.zero(quotaUnit()),
        start, periodEndFrom(start, period), period, allowOverage, overageUnitPrice, overageCap,
        Quantity.zero(quotaUnit()), SubscriptionStatus.ACTIVE, autoRenew, fee, createdAt);
  }

  public Subscription withStatus(SubscriptionStatus newStatus) {
    return new Subscription(
        id, productId, userId, orgId, billingMode, quotaTotal, quotaUsed, periodStart, periodEnd,
        period, allowOverage, overageUnitPrice, overageCap, overageUsed, newStatus, autoRenew, fee,
        createdAt);
  }

  public Subscription withOverage(
      boolean allow, Optional<UnitPrice> unitPrice, Optional<Quantity> cap) {
    return new Subscription(
        id, productId, userId, orgId, billingMode, quotaTotal, quotaUsed, periodStart, periodEnd,
        period, allow, unitPrice, cap, overageUsed, status, autoRenew, fee, createdAt);
  }
}
