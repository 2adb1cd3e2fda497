package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One leg of a ledger transaction ({@code accounting_records}): a signed amount on one account,
 * in one hash chain. A chain is named after an account: every leg of a posting with a customer leg
 * (and of the supplier cost of that customer's use) is in the customer's chain, whatever account
 * it moves; legs written before chains per customer (migration V5) are each in their own
 * account's chain. The legs of a chain are numbered 1, 2, 3, ... and each carries the hash of its
 * predecessor in the same chain and its own hash over its content, so that an edited, removed or
 * inserted leg breaks the chain. Append-only; never changed.
 *
 * @param chain the chain the leg belongs to, named after the account that owns the chain; not
 *     part of the hash (legs hashed before chains per customer keep their hashes), but moving a
 *     leg to another chain breaks both
 * @param sequence the position of this leg in its chain, from 1
 * @param balanceAfter the customer's balance after this leg; present on customer legs only
 */
public record LedgerEntry(
    TransactionId transactionId,
    Operation operation,
    AccountId account,
    AccountId chain,
    long sequence,
    LedgerAmount amount,
    Optional<Money> balanceAfter,
    Reference reference,
    String memo,
    Instant createdAt,
    LocalDate bizDate,
    String previousHash,
    String hash) {

  /** The predecessor hash of a chain's first leg. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /**
   * The fewest decimals {@code balance_after} is hashed with: balances had 4 before they were
   * widened to 6, and their legs were hashed at 4. Hashing every balance with at least 4 decimals
   * and no trailing zeros beyond them keeps those hashes valid at any column scale.
   */
  private static final int HASHED_BALANCE_MIN_DECIMALS = 4;

  public LedgerEntry {
    checkNotNull(transactionId, "transaction id");
    checkNotNull(operation, "operation");
    checkNotNull(account, "account");
    checkNotNull(chain, "chain");
    checkArgument(sequence >= 1, "sequence starts at 1: %s", sequence);
    checkNotNull(amount, "amount");
    checkNotNull(balanceAfter, "balance after");
    checkNotNull(reference, "reference");
    memo = Text.optional(memo, 255, "memo");
    checkNotNull(createdAt, "createdAt");
    checkNotNull(bizDate, "biz date");
    checkNotNull(previousHash, "previous hash");
    checkNotNull(hash, "hash");
  }

  /** The hash this leg's content and predecessor call for; equals {@link #hash()} if untouched. */
  public String expectedHash() {
    return hashOf(
        transactionId, operation, account, sequence, amount, balanceAfter, reference, memo,
        createdAt, bizDate, previousHash);
  }

  /** SHA-256 (hex) over the canonical text of a leg's content and its predecessor's hash. */
  public static String hashOf(
      TransactionId transactionId,
      Operation operation,
      AccountId account,
      long sequence,
      LedgerAmount amount,
      Optional<Money> balanceAfter,
      Reference reference,
      String memo,
      Instant createdAt,
      LocalDate bizDate,
      String previousHash) {
    String canonical =
        String.join(
            "|",
            previousHash,
            transactionId.value(),
            operation.code(),
            account.toString(),
            Long.toString(sequence),
            amount.amount().toPlainString(),
            amount.currency().code(),
            balanceAfter.map(LedgerEntry::hashedBalance).orElse("-"),
            reference.toString(),
            memo,
            createdAt.toString(),
            bizDate.toString());
    return Hashing.sha256().hashString(canonical, StandardCharsets.UTF_8).toString();
  }

  /** {@code 90.0914}, {@code 90.091360}, {@code 100.0000}: the value, whatever its scale. */
  private static String hashedBalance(Money balance) {
    BigDecimal amount = balance.amount();
    int decimals = Math.max(HASHED_BALANCE_MIN_DECIMALS, amount.stripTrailingZeros().scale());
    return amount.setScale(decimals).toPlainString();
  }
}
