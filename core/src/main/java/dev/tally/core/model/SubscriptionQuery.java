package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/** Filters of a subscription list; an empty filter matches everything. */
public record SubscriptionQuery(
    Optional<OrgId> orgId, Optional<ProductId> productId, Optional<SubscriptionStatus> status) {
  public static final SubscriptionQuery ALL =
      new SubscriptionQuery(Optional.empty(), Optional.empty(), Optional.empty());

  public SubscriptionQuery {
    checkNotNull(orgId, "org id");
    checkNotNull(productId, "product id");
    checkNotNull(status, "status");
  }
}
