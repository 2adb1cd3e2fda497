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
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The append-only double-entry ledger ({@code accounting_records}) and the heads of its hash
 * chains ({@code ledger_head}). A chain is named after an account (a customer's, for everything
 * written since chains per customer), and one lock per chain serialises its appends.
 */
public interface LedgerRepository {
  /**
   * The head of each chain, held until the unit of work ends so that no concurrent transaction
   * appends to those chains meanwhile. A chain without legs has {@link ChainHead#GENESIS}.
   * Implementations lock in a fixed order (sorted by chain).
   */
  Map<AccountId, ChainHead> lockHeads(Collection<AccountId> chains);

  /**
   * Appends the legs of a transaction, all in one chain, and moves the chain's head to its new last
   * leg. Refuses legs in several chains, and a leg whose sequence or previous hash does not
   * continue its chain.
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

  /** Matching legs, newest first (same instant: by chain, then sequence, descending). */
  Page<LedgerEntry> list(LedgerQuery query, PageRequest page);

  /**
   * The legs of every transaction, grouped by transaction in the posting's order, transactions in
   * no particular order. The legs are as stored: a tampered transaction may have a single leg.
   */
  void forEachTransaction(Consumer<List<LedgerEntry>> action);

  /** Every leg, ordered by chain then sequence. */
  void forEachEntryByChain(Consumer<LedgerEntry> action);

  /** Every chain's head as stored, ordered by chain; a chain may have a head and no legs. */
  void forEachHead(BiConsumer<AccountId, ChainHead> action);
}
