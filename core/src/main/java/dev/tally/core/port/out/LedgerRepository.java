package dev.tally.core.port.out;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Reference;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The append-only double-entry ledger ({@code accounting_records}) and its chain heads. */
public interface LedgerRepository {
  /**
   * The head of each account's chain, held until the unit of work ends so that no concurrent
   * transaction appends to those accounts meanwhile. An account without legs has {@link
   * ChainHead#GENESIS}. Implementations lock in a fixed order (sorted by account).
   */
  Map<AccountId, ChainHead> lockHeads(Collection<AccountId> accounts);

  /**
   * Appends the legs of a transaction and moves each account's head to its new last leg. Refuses a
   * leg whose sequence or previous hash does not continue its account's head.
   */
  void append(LedgerTransaction transaction);

  /**
   * Appends transactions in order, as {@link #append} does one after the other (a later one may
   * continue the chains an earlier one moved), writing all legs in one round trip and each
   * account's head once where the storage allows.
   */
  default void appendAll(List<LedgerTransaction> transactions) {
    transactions.forEach(this::append);
  }

  /** Every transaction about {@code reference}, oldest first (same instant: by transaction id). */
  List<LedgerTransaction> findByReference(Reference reference);

  /** Matching legs, newest first. */
  Page<LedgerEntry> list(LedgerQuery query, PageRequest page);

  /** Every transaction with all its legs, in no particular order. */
  void forEachTransaction(Consumer<LedgerTransaction> action);

  /** Every leg, ordered by account then sequence. */
  void forEachEntryByAccount(Consumer<LedgerEntry> action);
}
