package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.UnitPrice;

/** Lets a supplier serve a bound resource at a unit cost; lower priority numbers go first. */
public record LinkSupplier(
    ProductResourceId resourceId, OrgId supplierOrgId, UnitPrice unitCost, int priority) {
  public LinkSupplier {
    checkNotNull(resourceId, "resource id");
    checkNotNull(supplierOrgId, "supplier org id");
    checkNotNull(unitCost, "unit_cost");
    checkArgument(priority >= 0, "priority is negative: %s", priority);
  }
}
