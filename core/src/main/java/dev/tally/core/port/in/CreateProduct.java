package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Text;

/** Creates a product owned by a reseller org; {@code status} is usually draft or published. */
public record CreateProduct(String name, OrgId ownerOrgId, String description, ProductStatus status) {
  public CreateProduct {
    name = Text.name(name, Product.MAX_NAME, "product_name");
    checkNotNull(ownerOrgId, "owner_org_id");
    description = Text.optional(description, Product.MAX_DESCRIPTION, "description");
    checkNotNull(status, "status");
  }
}
