package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;

/** Registers a supplier org. */
public record CreateSupplier(OrgId orgId, String name) {
  public CreateSupplier {
    checkNotNull(orgId, "org_id");
    checkNotNull(name, "supplier_name");
  }
}
