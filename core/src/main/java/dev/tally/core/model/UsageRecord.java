package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One accepted use ({@code product_usage_log}): the whole amount used, what it cost the reseller
 * and what the customer's balance was charged. Written once, never changed.
 *
 * @param subscriptionId the subscription the use was counted against, if any
 * @param unitCost the chosen supplier's unit cost; empty when the resource has no supplier
 * @param totalCost {@code usedAmount x unitCost}, rounded once to 6 decimals
 * @param sellPrice what the balance was charged (0 for a use wholly within quota)
 * @param customerDiscount the customer's discount with the product's reseller when the use was
 *     charged (1 for none), already applied to {@code sellPrice}
 * @param billingMode how this use was actually billed
 * @param inQuota the part drawn from the subscription's quota
 * @param overage the part beyond the quota, charged at the overage price
 * @param bizDate the business date of {@code useTime}
 * @param requestHash fingerprint of the request, to tell a replay from a conflicting reuse of the
 *     source ref
 */
public record UsageRecord(
    UsageId id,
    ProductId productId,
    Optional<SubscriptionId> subscriptionId,
    UserId userId,
    OrgId orgId,
    ProductResourceId productResourceId,
    Optional<OrgId> supplierOrgId,
    ResourceType resourceType,
    String resourceRefId,
    Quantity usedAmount,
    Optional<UnitPrice> unitCost,
    LedgerAmount totalCost,
    Money sellPrice,
    BigDecimal customerDiscount,
    BillingMode billingMode,
    SourceRef sourceRef,
    Quantity inQuota,
    Quantity overage,
    Instant useTime,
    LocalDate bizDate,
    Instant createdAt,
    String requestHash) {

  public UsageRecord {
    checkNotNull(id, "id");
    checkNotNull(productId, "product id");
    checkNotNull(subscriptionId, "subscription id");
    checkNotNull(userId, "user id");
    checkNotNull(orgId, "org id");
    checkNotNull(productResourceId, "product resource id");
    checkNotNull(supplierOrgId, "supplier org id");
    checkNotNull(resourceType, "resource type");
    checkNotNull(resourceRefId, "resource ref id");
    checkNotNull(usedAmount, "used amount");
    checkNotNull(unitCost, "unit cost");
    checkArgument(
        unitCost.isPresent() == supplierOrgId.isPresent(), "a unit cost goes with a supplier");
    checkNotNull(totalCost, "total cost");
    checkNotNull(sellPrice, "sell price");
    checkArgument(!sellPrice.isNegative(), "sell price is negative");
    customerDiscount = CustomerDiscount.checkMultiplier(customerDiscount);
    checkNotNull(billingMode, "billing mode");
    checkNotNull(sourceRef, "source ref");
    checkNotNull(inQuota, "in-quota part");
    checkNotNull(overage, "overage part");
    checkNotNull(useTime, "use time");
    checkNotNull(bizDate, "biz date");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(requestHash, "request hash");
  }

  public boolean isCharged() {
    return sellPrice.isPositive();
  }
}
