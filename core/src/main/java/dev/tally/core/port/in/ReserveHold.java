package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.UserId;
import java.time.Duration;

/** Reserves {@code amount} of a customer's balance for {@code ttl} ahead of a long call. */
public record ReserveHold(
    OrgId orgId, UserId userId, ProductId productId, Money amount, Duration ttl) {
  public ReserveHold {
    checkNotNull(orgId, "user_org_id");
    checkNotNull(userId, "user_id");
    checkNotNull(productId, "product_id");
    checkNotNull(amount, "amount");
    checkArgument(amount.isPositive(), "a hold amount must be positive: %s", amount);
    checkNotNull(ttl, "ttl");
    checkArgument(
        !ttl.isNegative() && !ttl.isZero() && ttl.compareTo(Duration.ofDays(7)) <= 0,
        "a hold lasts more than 0 seconds and at most 7 days: %s",
        ttl);
  }
}
