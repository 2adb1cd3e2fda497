package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters of the usage log; an empty filter matches everything. {@code from} is inclusive and
 * {@code to} exclusive, on {@code use_time}. Results come newest first.
 */
public record UsageQuery(
    Optional<OrgId> orgId,
    Optional<UserId> userId,
    Optional<ProductId> productId,
    Optional<SubscriptionId> subscriptionId,
    Optional<OrgId> supplierOrgId,
    Optional<Instant> from,
    Optional<Instant> to) {

  public static final UsageQuery ALL =
      new UsageQuery(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());

  public UsageQuery {
    checkNotNull(orgId, "org id");
    checkNotNull(userId, "user id");
    checkNotNull(productId, "product id");
    checkNotNull(subscriptionId, "subscription id");
    checkNotNull(supplierOrgId, "supplier org id");
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkArgument(
        from.isEmpty() || to.isEmpty() || from.get().isBefore(to.get()), "from must be before to");
  }

  public static UsageQuery forOrg(OrgId org) {
    return new UsageQuery(
        Optional.of(org), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /** True when {@code usage} passes every filter. */
  public boolean matches(UsageRecord usage) {
    return orgId.map(usage.orgId()::equals).orElse(true)
        && userId.map(usage.userId()::equals).orElse(true)
        && productId.map(usage.productId()::equals).orElse(true)
        && subscriptionId.map(id -> usage.subscriptionId().equals(Optional.of(id))).orElse(true)
        && supplierOrgId.map(id -> usage.supplierOrgId().equals(Optional.of(id))).orElse(true)
        && from.map(start -> !usage.useTime().isBefore(start)).orElse(true)
        && to.map(end -> usage.useTime().isBefore(end)).orElse(true);
  }
}
