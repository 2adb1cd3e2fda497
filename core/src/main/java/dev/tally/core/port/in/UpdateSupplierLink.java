package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.UnitPrice;
import java.util.Optional;

/** Changes a supplier link's cost, priority or status; an empty field keeps its value. */
public record UpdateSupplierLink(
    ProductResourceId resourceId,
    OrgId supplierOrgId,
    Optional<UnitPrice> unitCost,
    Optional<Integer> priority,
    Optional<LinkStatus> status) {
  public UpdateSupplierLink {
    checkNotNull(resourceId, "resource id");
    checkNotNull(supplierOrgId, "supplier org id");
    checkNotNull(unitCost, "unit_cost");
    checkNotNull(priority, "priority");
    priority.ifPresent(value -> checkArgument(value >= 0, "priority is negative: %s", value));
    checkNotNull(status, "status");
  }
}
