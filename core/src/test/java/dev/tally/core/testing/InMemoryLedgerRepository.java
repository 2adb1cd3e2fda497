package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Reference;
import dev.tally.core.model.TransactionId;
import dev.tally.core.port.out.LedgerRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ledger in memory: each account's chain of legs in sequence order (whose last leg is the
 * account's head), the transactions, and the transactions of each reference. Appending only adds
 * at the ends, so undoing an append removes from the ends. Every unit of work of the store is
 * serialized, so {@link #lockHeads} is a plain read. Not thread-safe: used under the {@link
 * InMemoryStore}'s lock.
 */
final class InMemoryLedgerRepository implements LedgerRepository {
  private static final Comparator<LedgerEntry> BY_ACCOUNT_THEN_SEQUENCE =
      Comparator.comparing(LedgerEntry::account).thenComparingLong(LedgerEntry::sequence);
  private static final Comparator<LedgerEntry> NEWEST_FIRST =
      Comparator.comparing(LedgerEntry::createdAt)
          .thenComparing(BY_ACCOUNT_THEN_SEQUENCE)
          .reversed();
  private static final Comparator<LedgerTransaction> OLDEST_FIRST =
      Comparator.comparing(transaction -> transaction.legs().get(0).createdAt());

  private final InMemoryStore store;
  private final Map<AccountId, List<LedgerEntry>> chains = new TreeMap<>();
  private final Table<TransactionId, LedgerTransaction> transactions;
  private final Map<Reference, List<LedgerTransaction>> byReference = new HashMap<>();

  InMemoryLedgerRepository(InMemoryStore store) {
    this.store = store;
    this.transactions = new Table<>(store, "ledger transaction");
  }

  @Override
  public Map<AccountId, ChainHead> lockHeads(Collection<AccountId> accounts) {
    checkNotNull(accounts, "accounts");
    store.requireTransaction();
    ImmutableMap.Builder<AccountId, ChainHead> heads = ImmutableMap.builder();
    for (AccountId account : new TreeSet<>(accounts)) {
      heads.put(account, head(account));
    }
    return heads.build();
  }

  private ChainHead head(AccountId account) {
    List<LedgerEntry> chain = chains.get(account);
    if (chain == null || chain.isEmpty()) {
      return ChainHead.GENESIS;
    }
    LedgerEntry last = chain.get(chain.size() - 1);
    return new ChainHead(last.sequence(), last.hash());
  }

  @Override
  public void append(LedgerTransaction transaction) {
    checkNotNull(transaction, "transaction");
    checkState(
        !transactions.contains(transaction.id()),
        "duplicate ledger transaction: %s",
        transaction.id());
    List<LedgerEntry> legs =
        transaction.legs().stream().sorted(BY_ACCOUNT_THEN_SEQUENCE).toList();
    // check every leg against its account's head before writing any
    Map<AccountId, ChainHead> heads = new HashMap<>();
    for (LedgerEntry leg : legs) {
      ChainHead head = heads.computeIfAbsent(leg.account(), this::head);
      checkState(
          leg.sequence() == head.sequence() + 1,
          "leg of %s on %s has sequence %s; the account's head is at %s",
          transaction.id(),
          leg.account(),
          leg.sequence(),
          head.sequence());
      checkState(
          leg.previousHash().equals(head.hash()),
          "leg of %s on %s does not follow the account's head: previous hash %s, head %s",
          transaction.id(),
          leg.account(),
          leg.previousHash(),
          head.hash());
      heads.put(leg.account(), new ChainHead(leg.sequence(), leg.hash()));
    }
    for (LedgerEntry leg : legs) {
      List<LedgerEntry> chain = chains.computeIfAbsent(leg.account(), account -> new ArrayList<>());
      chain.add(leg);
      store.onUndo(() -> removeLast(chains, leg.account()));
    }
    transactions.insert(transaction.id(), transaction);
    byReference.computeIfAbsent(transaction.reference(), reference -> new ArrayList<>())
        .add(transaction);
    store.onUndo(() -> removeLast(byReference, transaction.reference()));
  }

  private static <K, V> void removeLast(Map<K, List<V>> lists, K key) {
    List<V> list = lists.get(key);
    list.remove(list.size() - 1);
    if (list.isEmpty()) {
      lists.remove(key);
    }
  }

  @Override
  public List<LedgerTransaction> findByReference(Reference reference) {
    checkNotNull(reference, "reference");
    store.requireTransaction();
    return byReference.getOrDefault(reference, List.of()).stream()
        .sorted(OLDEST_FIRST)
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public Page<LedgerEntry> list(LedgerQuery query, PageRequest page) {
    checkNotNull(query, "query");
    store.requireTransaction();
    Stream<LedgerEntry> candidates =
        query
            .account()
            .map(account -> chains.getOrDefault(account, List.of()).stream())
            .orElseGet(() -> chains.values().stream().flatMap(List::stream));
    return Pages.of(candidates.filter(query::matches).sorted(NEWEST_FIRST).toList(), page);
  }

  @Override
  public void forEachTransaction(Consumer<LedgerTransaction> action) {
    checkNotNull(action, "action");
    // a snapshot, so that the action may append
    List.copyOf(transactions.rows()).forEach(action);
  }

  @Override
  public void forEachEntryByAccount(Consumer<LedgerEntry> action) {
    checkNotNull(action, "action");
    store.requireTransaction();
    // the chains are keyed in account order and hold their legs in sequence order
    chains.values().stream().flatMap(List::stream).toList().forEach(action);
  }
}
