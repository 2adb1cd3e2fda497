package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Money;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Text;
import dev.tally.core.model.UsageId;

/** Gives back part or all of what a use was charged. */
public record Refund(UsageId usageId, Money amount, String reason) {
  public Refund {
    checkNotNull(usageId, "usage id");
    checkNotNull(amount, "amount");
    checkArgument(amount.isPositive(), "a refund amount must be positive: %s", amount);
    checkNotNull(reason, "reason");
    checkArgument(!reason.isBlank(), "a refund gives a reason");
    Text.name(reason, Posting.MEMO_LENGTH, "reason");
  }
}
