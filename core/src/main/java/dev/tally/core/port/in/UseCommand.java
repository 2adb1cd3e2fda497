package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One use of a product resource to meter and charge ({@code product_use}).
 *
 * @param productId the product; may be empty when {@code subscriptionId} names it
 * @param resourceType with {@code resourceId}, which of the product's resources was used; both may
 *     be empty when the product has exactly one active resource
 * @param usage the usage map a pricing programme prices (e.g. {@code prompt_tokens}); empty for
 *     {@code {used_unit: used_amount}}
 * @param attributes request attributes that price-line filters match (e.g. {@code model})
 * @param supplierOrgId the supplier that served the use; empty to let the supplier rule choose
 * @param sourceRef the idempotency key: a retry with the same key is charged once
 * @param useTime when the use happened; empty for now. Part of the request a retry must repeat
 *     only when given
 */
public record UseCommand(
    Optional<ProductId> productId,
    Optional<SubscriptionId> subscriptionId,
    UserId userId,
    OrgId orgId,
    Optional<ResourceType> resourceType,
    Optional<ProductResourceId> resourceId,
    Quantity used,
    Map<String, BigDecimal> usage,
    Map<String, String> attributes,
    Optional<OrgId> supplierOrgId,
    SourceRef sourceRef,
    Optional<Instant> useTime) {

  public UseCommand {
    checkNotNull(productId, "product_id");
    checkNotNull(subscriptionId, "subscription_id");
    checkArgument(
        productId.isPresent() || subscriptionId.isPresent(),
        "a use names a product_id or a subscription_id");
    checkNotNull(userId, "user_id");
    checkNotNull(orgId, "user_org_id");
    checkNotNull(resourceType, "resource_type");
    checkNotNull(resourceId, "product_resource_id");
    checkNotNull(used, "used_amount");
    checkArgument(used.isPositive(), "used_amount must be positive: %s", used);
    usage = ImmutableSortedMap.copyOf(usage);
    usage.forEach(
        (factor, amount) ->
            checkArgument(amount.signum() >= 0, "usage '%s' is negative: %s", factor, amount));
    attributes = ImmutableSortedMap.copyOf(attributes);
    checkNotNull(supplierOrgId, "supplier_org_id");
    checkNotNull(sourceRef, "source_ref");
    checkNotNull(useTime, "use_time");
  }

  /** Starts a use of {@code productId} by {@code userId} of {@code orgId}. */
  public static Builder builder(ProductId productId, UserId userId, OrgId orgId) {
    return new Builder(Optional.of(productId), Optional.empty(), userId, orgId);
  }

  /** Starts a use counted against {@code subscriptionId}. */
  public static Builder forSubscription(SubscriptionId subscriptionId, UserId userId, OrgId orgId) {
    return new Builder(Optional.empty(), Optional.of(subscriptionId), userId, orgId);
  }

  /** Assembles a {@link UseCommand}; the optional parts default to empty. */
  public static final class Builder {
    private final Optional<ProductId> productId;
    private final Optional<SubscriptionId> subscriptionId;
    private final UserId userId;
    private final OrgId orgId;
    private Optional<ResourceType> resourceType = Optional.empty();
    private Optional<ProductResourceId> resourceId = Optional.empty();
    private Quantity used;
    private Map<String, BigDecimal> usage = Map.of();
    private Map<String, String> attributes = Map.of();
    private Optional<OrgId> supplierOrgId = Optional.empty();
    private SourceRef sourceRef;
    private Optional<Instant> useTime = Optional.empty();

    private Builder(
        Optional<ProductId> productId,
        Optional<SubscriptionId> subscriptionId,
        UserId userId,
        OrgId orgId) {
      this.productId = productId;
      this.subscriptionId = subscriptionId;
      this.userId = userId;
      this.orgId = orgId;
    }

    public Builder resourceType(ResourceType type) {
      this.resourceType = Optional.of(type);
      return this;
    }

    public Builder resourceId(ProductResourceId id) {
      this.resourceId = Optional.of(id);
      return this;
    }

    public Builder used(Quantity quantity) {
      this.used = quantity;
      return this;
    }

    public Builder usage(Map<String, BigDecimal> usageMap) {
      this.usage = usageMap;
      return this;
    }

    public Builder attributes(Map<String, String> requestAttributes) {
      this.attributes = requestAttributes;
      return this;
    }

    public Builder supplier(OrgId supplier) {
      this.supplierOrgId = Optional.of(supplier);
      return this;
    }

    public Builder sourceRef(SourceRef ref) {
      this.sourceRef = ref;
      return this;
    }

    public Builder useTime(Instant time) {
      this.useTime = Optional.of(time);
      return this;
    }

    public UseCommand build() {
      return new UseCommand(
          productId, subscriptionId, userId, orgId, resourceType, resourceId, used, usage,
          attributes, supplierOrgId, sourceRef, useTime);
    }
  }
}
