package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A pre-deduction ({@code balance_hold}) for a long or streaming call: {@code amount} is reserved
 * from the customer's available balance until {@code expiresAt}, then settled with the actual
 * amount (the rest released), voided, or expired. Immutable.
 *
 * @param productId the product the call is for; its owner's revenue receives the settled amount
 */
public record Hold(
    HoldId id,
    OrgId orgId,
    UserId userId,
    ProductId productId,
    Money amount,
    HoldStatus status,
    Optional<Money> settledAmount,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> closedAt) {

  public Hold {
    checkNotNull(id, "id");
    checkNotNull(orgId, "org id");
    checkNotNull(userId, "user id");
    checkNotNull(productId, "product id");
    checkNotNull(amount, "amount");
    checkArgument(amount.isPositive(), "hold amount must be positive: %s", amount);
    checkNotNull(status, "status");
    checkNotNull(settledAmount, "settled amount");
    checkArgument(
        settledAmount.isPresent() == (status == HoldStatus.SETTLED),
        "a settled amount goes with the settled status");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(expiresAt, "expiresAt");
    checkArgument(createdAt.isBefore(expiresAt), "a hold expires after it is made");
    checkNotNull(closedAt, "closedAt");
    checkArgument(
        closedAt.isPresent() == (status != HoldStatus.HELD), "a closed hold has a close time");
  }

  public boolean isHeld() {
    return status == HoldStatus.HELD;
  }

  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public Hold settled(Money actual, Instant now) {
    return new Hold(
        id, orgId, userId, productId, amount, HoldStatus.SETTLED, Optional.of(actual), createdAt,
        expiresAt, Optional.of(now));
  }

  /** Closes the hold without a charge, as {@code voided} or {@code expired}. */
  public Hold released(HoldStatus outcome, Instant now) {
    checkArgument(
        outcome == HoldStatus.VOIDED || outcome == HoldStatus.EXPIRED,
        "a release ends voided or expired, not %s",
        outcome);
    return new Hold(
        id, orgId, userId, productId, amount, outcome, Optional.empty(), createdAt, expiresAt,
        Optional.of(now));
  }
}
