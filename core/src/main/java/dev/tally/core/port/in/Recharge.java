package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Reference;
import dev.tally.core.model.Text;
import java.util.Optional;

/**
 * Money paid in by a customer.
 *
 * @param reference the payment's own id; a recharge repeated with the same reference is applied
 *     once
 */
public record Recharge(OrgId orgId, Money amount, Optional<String> reference, String memo) {
  public Recharge {
    checkNotNull(orgId, "customer id");
    checkNotNull(amount, "amount");
    checkArgument(amount.isPositive(), "a recharge amount must be positive: %s", amount);
    checkNotNull(reference, "reference");
    reference.ifPresent(ref -> new Reference(Reference.RECHARGE, ref));
    memo = Text.optional(memo, Posting.MEMO_LENGTH, "memo");
  }
}
