package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * An organisation the reseller buys resources from (the platform's {@code supplychain.suppliers}).
 * Its costs are owed on its {@code payable:<org>} account.
 */
public record Supplier(OrgId orgId, String name, SupplierStatus status, Instant createdAt) {
  public static final int MAX_NAME = 128;

  public Supplier {
    checkNotNull(orgId, "supplier org id");
    name = Text.name(name, MAX_NAME, "supplier name");
    checkNotNull(status, "status");
    checkNotNull(createdAt, "createdAt");
  }

  public Supplier withStatus(SupplierStatus newStatus) {
    return new Supplier(orgId, name, newStatus, createdAt);
  }

  public boolean isActive() {
    return status == SupplierStatus.ACTIVE;
  }
}
