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
  public static final int MAX_NAME = 128;
  public static final int MAX_DESCRIPTION = 1000;

  public Product {
    checkNotNull(id, "id");
    name = Text.name(name, MAX_NAME, "product name");
    checkNotNull(ownerOrgId, "owner org id");
    description = Text.optional(description, MAX_DESCRIPTION, "description");
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
