package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import java.time.Period;
import java.util.Optional;

/**
 * Subscribes a customer org to a product.
 *
 * @param billingMode empty: the billing mode of the product's only active resource
 * @param quota the quota of one period and its unit (zero for pay-per-use subscriptions)
 * @param fee charged to the balance now and at every renewal; empty for none
 */
public record Subscribe(
    ProductId productId,
    UserId userId,
    OrgId orgId,
    Optional<BillingMode> billingMode,
    Quantity quota,
    Period period,
    boolean allowOverage,
    Optional<UnitPrice> overageUnitPrice,
    Optional<Quantity> overageCap,
    boolean autoRenew,
    Optional<Money> fee) {

  public Subscribe {
    checkNotNull(productId, "product_id");
    checkNotNull(userId, "user_id");
    checkNotNull(orgId, "user_org_id");
    checkNotNull(billingMode, "billing_mode");
    checkNotNull(quota, "quota_total");
    checkNotNull(period, "period");
    checkArgument(!period.isNegative() && !period.isZero(), "period must be positive: %s", period);
    checkNotNull(overageUnitPrice, "overage_unit_price");
    checkNotNull(overageCap, "overage_cap");
    overageCap.ifPresent(
        cap -> checkArgument(cap.unit().equals(quota.unit()), "overage_cap is in the quota unit"));
    checkNotNull(autoRenew, "auto_renew");
    checkNotNull(fee, "fee");
    fee.ifPresent(money -> checkArgument(!money.isNegative(), "fee is negative: %s", money));
  }
}
