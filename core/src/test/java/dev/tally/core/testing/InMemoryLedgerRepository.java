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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ledger in memory: each chain's legs in sequence order, each chain's head (as {@code
 * ledger_head} keeps it, apart from the legs, so that a removed last leg shows), the transactions,
 * and the transactions of each reference. Appending only adds at the ends, so undoing an append
 * removes from the ends. Every unit of work of the store is serialized, so {@link #lockHeads} is a
 * plain read. Verification reads the legs from the chains, where {@link LedgerTampering} changes
 * them. Not thread-safe: used under the {@link InMemoryStore}'s lock.
 */
final class InMemoryLedgerRepository implements LedgerRepository, LedgerTampering {
  private static final Comparator<LedgerEntry> BY_CHAIN_THEN_SEQUENCE =
      Comparator.comparing(LedgerEntry::chain).thenComparingLong(LedgerEntry::sequence);
  private static final Comparator<LedgerEntry> NEWEST_FIRST =
      Comparator.comparing(LedgerEntry::createdAt).thenComparing(BY_CHAIN_THEN_SEQUENCE).reversed();
  private static final Comparator<LedgerTransaction> OLDEST_FIRST =
      Comparator.comparing(transaction -> transaction.legs().get(0).createdAt());

  private final InMemoryStore store;
  private final Map<AccountId, List<LedgerEntry>> chains = new TreeMap<>();
  private final Map<AccountId, ChainHead> heads = new TreeMap<>();
  // each account's legs, whatever their chain: listing an account reads only its own
  private final Map<AccountId, List<LedgerEntry>> byAccount = new HashMap<>();
  private final Table<TransactionId, LedgerTransaction> transactions;
  private final Map<Reference, List<LedgerTransaction>> byReference = new HashMap<>();

  InMemoryLedgerRepository(InMemoryStore store) {
    this.store = store;
    this.transactions = new Table<>(store, "ledger transaction");
  }

  @Override
  public Map<AccountId, ChainHead> lockHeads(Collection<AccountId> chainsToLock) {
    checkNotNull(chainsToLock, "chains");
    store.requireTransaction();
    ImmutableMap.Builder<AccountId, ChainHead> locked = ImmutableMap.builder();
    for (AccountId chain : new TreeSet<>(chainsToLock)) {
      locked.put(chain, heads.getOrDefault(chain, ChainHead.GENESIS));
    }
    return locked.build();
  }

  @Override
  public void append(LedgerTransaction transaction) {
    checkNotNull(transaction, "transaction");
    checkState(
        !transactions.contains(transaction.id()),
        "duplicate ledger transaction: %s",
        transaction.id());
    AccountId chain = transaction.legs().get(0).chain();
    // check every leg against the chain's head before writing any
    ChainHead head = heads.getOrDefault(chain, ChainHead.GENESIS);
    List<LedgerEntry> legs = transaction.legs().stream().sorted(BY_CHAIN_THEN_SEQUENCE).toList();
    for (LedgerEntry leg : legs) {
      checkState(
          leg.chain().equals(chain),
          "legs of %s are in the chains %s and %s; a transaction lies in one chain",
          transaction.id(),
          chain,
          leg.chain());
      checkState(
          leg.sequence() == head.sequence() + 1,
          "leg of %s in %s has sequence %s; the chain's head is at %s",
          transaction.id(),
          chain,
          leg.sequence(),
          head.sequence());
      checkState(
          leg.previousHash().equals(head.hash()),
          "leg of %s in %s does not follow the chain's head: previous hash %s, head %s",
          transaction.id(),
          chain,
          leg.previousHash(),
          head.hash());
      head = new ChainHead(leg.sequence(), leg.hash());
    }
    for (LedgerEntry leg : legs) {
      chains.computeIfAbsent(chain, key -> new ArrayList<>()).add(leg);
      store.onUndo(() -> removeLast(chains, chain));
      byAccount.computeIfAbsent(leg.account(), key -> new ArrayList<>()).add(leg);
      store.onUndo(() -> removeLast(byAccount, leg.account()));
    }
    ChainHead previousHead = heads.put(chain, head);
    store.onUndo(
        () -> {
          if (previousHead == null) {
            heads.remove(chain);
          } else {
            heads.put(chain, previousHead);
          }
        });
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
    Stream<LedgerEntry> legs =
        query
            .account()
            .map(account -> byAccount.getOrDefault(account, List.of()).stream())
            .orElseGet(() -> chains.values().stream().flatMap(List::stream));
    return Pages.of(legs.filter(query::matches).sorted(NEWEST_FIRST).toList(), page);
  }

  @Override
  public void forEachTransaction(Consumer<List<LedgerEntry>> action) {
    checkNotNull(action, "action");
    store.requireTransaction();
    // from the chains, as stored (tampering included), in each transaction's leg order
    Map<TransactionId, List<LedgerEntry>> grouped = new LinkedHashMap<>();
    chains.values().stream()
        .flatMap(List::stream)
        .forEach(leg -> grouped.computeIfAbsent(leg.transactionId(), id -> new ArrayList<>()).add(leg));
    grouped.values().forEach(legs -> action.accept(List.copyOf(legs)));
  }

  @Override
  public void forEachEntryByChain(Consumer<LedgerEntry> action) {
    checkNotNull(action, "action");
    store.requireTransaction();
    // the chains are keyed in chain order and hold their legs in sequence order
    chains.values().stream().flatMap(List::stream).toList().forEach(action);
  }

  @Override
  public void forEachHead(BiConsumer<AccountId, ChainHead> action) {
    checkNotNull(action, "action");
    store.requireTransaction();
    Map.copyOf(heads).entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(head -> action.accept(head.getKey(), head.getValue()));
  }

  @Override
  public void replaceLeg(LedgerEntry edited) {
    underStoreLock(
        () -> {
          List<LedgerEntry> chain = chains.get(edited.chain());
          chain.set(indexOf(chain, edited.chain(), edited.sequence()), edited);
        });
  }

  @Override
  public void removeLeg(AccountId chain, long sequence) {
    underStoreLock(() -> chains.get(chain).remove(indexOf(chains.get(chain), chain, sequence)));
  }

  @Override
  public void insertLeg(LedgerEntry leg) {
    underStoreLock(
        () -> {
          List<LedgerEntry> chain = chains.computeIfAbsent(leg.chain(), key -> new ArrayList<>());
          chain.add(leg);
          chain.sort(BY_CHAIN_THEN_SEQUENCE);
        });
  }

  private static int indexOf(List<LedgerEntry> chain, AccountId name, long sequence) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).sequence() == sequence) {
        return i;
      }
    }
    throw new IllegalArgumentException("no leg " + name + "#" + sequence);
  }

  private void underStoreLock(Runnable change) {
    store.inTransaction(
        repositories -> {
          change.run();
          byAccount.clear();
          chains.values().stream()
              .flatMap(List::stream)
              .forEach(
                  leg -> byAccount.computeIfAbsent(leg.account(), key -> new ArrayList<>()).add(leg));
          return null;
        });
  }
}
