package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * Something a reseller sells: one or more bound {@link ProductResource}s, sold by subscription or
 * per use. Immutable; state changes produce a new value.
 *
 * @param ownerOrgId the reseller: revenue and costs of the product are booked to its accounts
 */
public record Product(
    ProductId id,
    String name,
    OrgId ownerOrgId,
    String description,
    ProductStatus status,
    Instant createdAt) {

  public Product {
    checkNotNull(id, "id");
    name = Text.name(name, 128, "product name");
    checkNotNull(ownerOrgId, "owner org id");
    description = Text.optional(description, 1000, "description");
    checkNotNull(status, "status");
    checkNotNull(createdAt, "createdAt");
  }

  public Product withStatus(ProductStatus newStatus) {
    return new Product(id, name, ownerOrgId, description, newStatus, createdAt);
  }

  /** True when new subscriptions and pay-per-use uses are accepted. */
  public boolean isOnSale() {
    return status == ProductStatus.PUBLISHED;
  }
}
