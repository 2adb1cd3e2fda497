package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.Text;

/** Registers a supplier org. */
public record CreateSupplier(OrgId orgId, String name) {
  public CreateSupplier {
    checkNotNull(orgId, "org_id");
    name = Text.name(name, Supplier.MAX_NAME, "supplier_name");
  }
}
