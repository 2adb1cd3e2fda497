package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductStatus;

/** Creates a product owned by a reseller org; {@code status} is usually draft or published. */
public record CreateProduct(String name, OrgId ownerOrgId, String description, ProductStatus status) {
  public CreateProduct {
    checkNotNull(name, "product_name");
    checkNotNull(ownerOrgId, "owner_org_id");
    checkNotNull(status, "status");
  }
}
