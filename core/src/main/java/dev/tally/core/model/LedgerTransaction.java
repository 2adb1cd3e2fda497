package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.List;

/**
 * One business operation in the ledger: two or more {@link LedgerEntry legs} sharing a
 * transaction id, whose amounts sum to zero.
 */
public record LedgerTransaction(TransactionId id, Operation operation, List<LedgerEntry> legs) {

  public LedgerTransaction {
    checkNotNull(id, "id");
    checkNotNull(operation, "operation");
    legs = ImmutableList.copyOf(legs);
    checkArgument(legs.size() >= 2, "a transaction has at least two legs");
    for (LedgerEntry leg : legs) {
      checkArgument(leg.transactionId().equals(id), "leg of another transaction: %s", leg);
      checkArgument(leg.operation() == operation, "leg of another operation: %s", leg);
    }
  }

  /** The sum of the legs' amounts; zero for a well-formed transaction. */
  public BigDecimal sum() {
    return legs.stream().map(leg -> leg.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public Reference reference() {
    return legs.get(0).reference();
  }
}
