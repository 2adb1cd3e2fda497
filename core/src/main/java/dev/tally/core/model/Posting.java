package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.List;

/**
 * A ledger transaction before it is written: an operation, what it is about, and balanced legs.
 * The ledger numbers and hashes the legs when it appends them.
 */
public record Posting(Operation operation, Reference reference, String memo, List<Leg> legs) {
  /** The longest memo a ledger entry keeps (its column's size); reasons and memos of commands too. */
  public static final int MEMO_LENGTH = 255;


  /** One side of a posting: a signed amount on an account. */
  public record Leg(AccountId account, LedgerAmount amount) {
    public Leg {
      checkNotNull(account, "account");
      checkNotNull(amount, "amount");
      checkArgument(!amount.isZero(), "a leg moves a non-zero amount");
      checkArgument(
          !account.isCustomer() || amount.fitsMoney(),
          "a customer leg must fit a balance (11 digits before the point): %s",
          amount);
    }
  }

  public Posting {
    checkNotNull(operation, "operation");
    checkNotNull(reference, "reference");
    memo = Text.optional(memo, MEMO_LENGTH, "memo");
    legs = ImmutableList.copyOf(legs);
    checkArgument(legs.size() >= 2, "a posting has at least two legs");
    Currency currency = legs.get(0).amount().currency();
    BigDecimal sum = BigDecimal.ZERO;
    for (Leg leg : legs) {
      checkArgument(
          leg.amount().currency().equals(currency), "a posting is in one currency: %s", legs);
      sum = sum.add(leg.amount().amount());
    }
    checkArgument(sum.signum() == 0, "legs of a posting sum to zero, not %s", sum);
  }

  /** Moves {@code amount} from one account to another: {@code from} gets -amount, {@code to} +. */
  public static Posting transfer(
      Operation operation,
      Reference reference,
      String memo,
      AccountId from,
      AccountId to,
      LedgerAmount amount) {
    return new Posting(
        operation,
        reference,
        memo,
        List.of(new Leg(from, amount.negate()), new Leg(to, amount)));
  }
}
