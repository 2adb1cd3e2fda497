package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * A supplier that can serve a bound resource ({@code product_resource_supplier}), at a unit cost.
 * Among active links, a use goes to the lowest priority number, then the lowest cost.
 */
public record SupplierLink(
    ProductResourceId resourceId,
    OrgId supplierOrgId,
    UnitPrice unitCost,
    int priority,
    LinkStatus status,
    Instant createdAt) {

  public SupplierLink {
    checkNotNull(resourceId, "resource id");
    checkNotNull(supplierOrgId, "supplier org id");
    checkNotNull(unitCost, "unit cost");
    checkArgument(priority >= 0, "priority is negative: %s", priority);
    checkNotNull(status, "status");
    checkNotNull(createdAt, "createdAt");
  }

  public boolean isActive() {
    return status == LinkStatus.ACTIVE;
  }

  public SupplierLink with(UnitPrice newCost, int newPriority, LinkStatus newStatus) {
    return new SupplierLink(resourceId, supplierOrgId, newCost, newPriority, newStatus, createdAt);
  }
}
