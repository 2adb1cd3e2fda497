package dev.tally.core.testing;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.LedgerEntry;

/**
 * Changes to the in-memory ledger's stored legs that bypass every check, as someone editing the
 * {@code accounting_records} table with SQL would: for tests that show what verification finds.
 * The chain heads ({@code ledger_head}) stay as they are. Thread-safe: each change takes the
 * store's lock.
 */
public interface LedgerTampering {
  /** Puts {@code edited} in place of the stored leg with the same chain and sequence. */
  void replaceLeg(LedgerEntry edited);

  /** Removes the leg at {@code sequence} of {@code chain}. */
  void removeLeg(AccountId chain, long sequence);

  /** Adds a leg to its chain, in sequence order, without checking it continues anything. */
  void insertLeg(LedgerEntry leg);
}
