package dev.tally.core.model;

import java.util.Optional;

/**
 * The answer of {@code check_quota}: what is left of a subscription and whether a use of {@code
 * requested} would be accepted now. Changes nothing.
 *
 * @param overageHeadroom how much overage is still allowed; empty when unlimited or not allowed
 *     (see {@code overageAllowed})
 * @param refusal why the use would be refused; empty when it would be accepted
 */
public record QuotaCheck(
    SubscriptionId subscriptionId,
    Quantity requested,
    Quantity quotaTotal,
    Quantity quotaUsed,
    Quantity remaining,
    boolean overageAllowed,
    Optional<Quantity> overageHeadroom,
    boolean accepted,
    Optional<String> refusal) {}
