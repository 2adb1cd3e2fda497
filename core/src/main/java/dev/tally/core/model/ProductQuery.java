package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/** Filters of a product list; an empty filter matches everything. */
public record ProductQuery(Optional<OrgId> ownerOrgId, Optional<ProductStatus> status) {
  public static final ProductQuery ALL = new ProductQuery(Optional.empty(), Optional.empty());

  public ProductQuery {
    checkNotNull(ownerOrgId, "owner org id");
    checkNotNull(status, "status");
  }
}
