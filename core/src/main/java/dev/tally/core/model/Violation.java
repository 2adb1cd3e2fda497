package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One broken ledger invariant found by verification: which rule, where, and what was found.
 *
 * @param subject the transaction, account, usage row or hold concerned
 */
public record Violation(Rule rule, String subject, String detail) {

  /** The invariants {@code ledger verify} checks. */
  public enum Rule {
    /** The legs of a transaction do not sum to zero. */
    UNBALANCED_TRANSACTION,
    /** A customer's balance differs from the sum of its account's legs. */
    BALANCE_MISMATCH,
    /** A customer leg's balance_after differs from the running sum of its account. */
    BALANCE_AFTER_MISMATCH,
    /** A balance is below minus its credit limit. */
    OVERDRAWN,
    /**
     * A leg's hash, predecessor hash or sequence does not follow from its predecessor in its chain,
     * or a chain's head ({@code ledger_head}) is not its last leg.
     */
    BROKEN_CHAIN,
    /**
     * A transaction's legs are in several chains, other than as written before chains per customer
     * (each leg in its own account's chain).
     */
    SPLIT_TRANSACTION,
    /** A charged use has no PAY transaction, or more than one. */
    CHARGE_WITHOUT_ONE_PAY,
    /** A PAY transaction's amount differs from the charge it records. */
    PAY_AMOUNT_MISMATCH,
    /** A PAY transaction points at no charged use nor settled hold. */
    ORPHAN_PAY
  }

  public Violation {
    checkNotNull(rule, "rule");
    checkNotNull(subject, "subject");
    checkNotNull(detail, "detail");
  }
}
