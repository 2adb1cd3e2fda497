package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The binding of a resource (an LLM model, an upstream API, ...) into a product, with how it is
 * sold. The sell price comes from the pricing programme when one is set, else from {@code
 * unitPrice}. (product, resource type, resource ref) is unique; an unbound binding is kept so that
 * past usage still resolves, and binding the same resource again reactivates it.
 *
 * @param billingMode the default billing mode of new subscriptions, and pay-per-use when {@code 1}
 * @param minBalance in the currency of the unit price, when set; a charged use is accepted only while the customer's available amount
 *     exceeds it
 */
public record ProductResource(
    ProductResourceId id,
    ProductId productId,
    ResourceType resourceType,
    String resourceRefId,
    BillingMode billingMode,
    Unit usedUnit,
    Optional<UnitPrice> unitPrice,
    Optional<PricingProgramId> pricingProgramId,
    Optional<Money> minBalance,
    ResourceStatus status,
    Instant createdAt) {

  public ProductResource {
    checkNotNull(id, "id");
    checkNotNull(productId, "product id");
    checkNotNull(resourceType, "resource type");
    resourceRefId = Ids.check(resourceRefId, "resource ref id");
    checkNotNull(billingMode, "billing mode");
    checkNotNull(usedUnit, "used unit");
    checkNotNull(unitPrice, "unit price");
    checkNotNull(pricingProgramId, "pricing program id");
    checkArgument(
        unitPrice.isPresent() || pricingProgramId.isPresent(),
        "a resource needs a unit price or a pricing program");
    checkNotNull(minBalance, "min balance");
    minBalance.ifPresent(
        min -> checkArgument(!min.isNegative(), "min balance is negative: %s", min));
    checkArgument(
        unitPrice.isEmpty()
            || minBalance.isEmpty()
            || unitPrice.get().currency().equals(minBalance.get().currency()),
        "a resource is priced in one currency: unit price %s, min balance %s",
        unitPrice,
        minBalance);
    checkNotNull(status, "status");
    checkNotNull(createdAt, "createdAt");
  }

  public boolean isActive() {
    return status == ResourceStatus.ACTIVE;
  }

  public ProductResource withStatus(ResourceStatus newStatus) {
    return new ProductResource(
        id,
        productId,
        resourceType,
        resourceRefId,
        billingMode,
        usedUnit,
        unitPrice,
        pricingProgramId,
        minBalance,
        newStatus,
        createdAt);
  }
}
