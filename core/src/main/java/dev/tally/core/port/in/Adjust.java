package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Text;

/** A manual correction of a balance: a positive amount credits it, a negative one debits it. */
public record Adjust(OrgId orgId, Money amount, String reason) {
  public Adjust {
    checkNotNull(orgId, "customer id");
    checkNotNull(amount, "amount");
    checkArgument(!amount.isZero(), "an adjustment moves a non-zero amount");
    checkNotNull(reason, "reason");
    checkArgument(!reason.isBlank(), "an adjustment gives a reason");
    Text.name(reason, Posting.MEMO_LENGTH, "reason");
  }
}
