package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Reference;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.out.BalanceRepository;
import dev.tally.core.port.out.LedgerRepository;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.SubscriptionRepository;
import dev.tally.core.port.out.UsageRepository;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The repositories a group of uses runs against, in one unit of work: the rows the uses change
 * (balances, subscriptions, usage, ledger chains) are read and locked once from storage and then
 * kept in memory, where each use sees the writes of the uses before it, as it would one by one;
 * everything else reads storage. Nothing is written until {@link #flush}, which writes each
 * changed row once and inserts the new rows in one round trip per table.
 *
 * <p>Between {@link #beginItem} and {@link #keepItem} or {@link #undoItem}, the writes of one use
 * are journalled so that a refused use leaves nothing behind while its neighbours stand. Used by
 * one thread, inside one unit of work.
 */
final class BatchedRepositories extends ForwardingRepositories {
  private final Balances balances = new Balances();
  private final Usage usage = new Usage();
  private final Subscriptions subscriptions = new Subscriptions();
  private final Ledger ledger = new Ledger();
  // how to take back each write of the use being applied, newest first
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private boolean inItem;

  /**
   * Locks what the group's uses will change, as a lone use locks it but each kind in one statement:
   * the customers' balances in id order, then the current subscriptions they may count against,
   * then the customers' ledger chains; and reads which of the uses' source refs earlier units of
   * work used.
   */
  BatchedRepositories(Repositories storage, List<UseCommand> commands) {
    super(storage);
    List<OrgId> orgIds = commands.stream().map(UseCommand::orgId).distinct().toList();
    Map<OrgId, CustomerBalance> locked = storage().balances().lockAll(orgIds);
    orgIds.forEach(org -> balances.rows.put(org, Optional.ofNullable(locked.get(org))));
    subscriptions.holdCurrent(commands);
    // a use posts into its customer's chain; one without a balance row is locked when it posts
    ledger.heads.putAll(
        storage().ledger().lockHeads(locked.keySet().stream().map(AccountId::customer).toList()));
    usage.stored.putAll(
        storage().usage().findBySourceRefs(commands.stream().map(UseCommand::sourceRef).toList()));
  }

  void beginItem() {
    checkState(!inItem, "the previous use was neither kept nor undone");
    inItem = true;
  }

  void keepItem() {
    inItem = false;
    undo.clear();
  }

  void undoItem() {
    inItem = false;
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
  }

  /** Writes what the kept uses changed: each row once, new rows one table at a time. */
  void flush() {
    checkState(!inItem, "a use is still being applied");
    storage().usage().insertAll(usage.inserted);
    storage().subscriptions().updateAll(subscriptions.changed.values());
    storage().ledger().appendAll(ledger.appended);
    storage().balances().updateAll(balances.changed.values());
  }

  private void journal(Runnable undoWrite) {
    checkState(inItem, "writes happen within a use");
    undo.push(undoWrite);
  }

  /** A row's new state, journalled: the group's view and the rows to write both move. */
  private <K, V> void rewrite(Map<K, Optional<V>> rows, Map<K, V> changed, K key, V value) {
    journal(restore(rows, key));
    journal(restore(changed, key));
    rows.put(key, Optional.of(value));
    changed.put(key, value);
  }

  /** Puts a key back as it was before a write: the old value, or no entry at all. */
  private static <K, V> Runnable restore(Map<K, V> map, K key) {
    boolean had = map.containsKey(key);
    V old = map.get(key);
    return () -> {
      if (had) {
        map.put(key, old);
      } else {
        map.remove(key);
      }
    };
  }

  private static UnsupportedOperationException notOnTheUsePath() {
    return new UnsupportedOperationException("a group of uses does not do this");
  }

  @Override
  public BalanceRepository balances() {
    return balances;
  }

  @Override
  public UsageRepository usage() {
    return usage;
  }

  @Override
  public SubscriptionRepository subscriptions() {
    return subscriptions;
  }

  @Override
  public LedgerRepository ledger() {
    return ledger;
  }

  /** The group's balances, all locked when the group began. */
  private final class Balances implements BalanceRepository {
    final Map<OrgId, Optional<CustomerBalance>> rows = new HashMap<>();
    final Map<OrgId, CustomerBalance> changed = new LinkedHashMap<>();

    @Override
    public Optional<CustomerBalance> lock(OrgId orgId) {
      return rows.computeIfAbsent(orgId, org -> storage().balances().lock(org));
    }

    @Override
    public Optional<CustomerBalance> find(OrgId orgId) {
      return lock(orgId);
    }

    @Override
    public void update(CustomerBalance balance) {
      OrgId org = balance.orgId();
      checkState(
          rows.getOrDefault(org, Optional.empty()).isPresent(),
          "no balance to update: %s",
          org);
      rewrite(rows, changed, org, balance);
    }

    @Override
    public void insert(CustomerBalance balance) {
      throw notOnTheUsePath();
    }

    @Override
    public Page<CustomerBalance> list(Optional<BalanceStatus> status, PageRequest page) {
      throw notOnTheUsePath();
    }

    @Override
    public void forEach(Consumer<CustomerBalance> action) {
      throw notOnTheUsePath();
    }
  }

  /** The group's usage rows: those stored before it (by the refs it uses) and its own. */
  private final class Usage implements UsageRepository {
    final Map<SourceRef, UsageRecord> stored = new HashMap<>();
    final Map<SourceRef, UsageRecord> bySourceRef = new HashMap<>();
    final List<UsageRecord> inserted = new ArrayList<>();

    @Override
    public Optional<UsageRecord> findBySourceRef(SourceRef sourceRef) {
      UsageRecord earlier = bySourceRef.get(sourceRef);
      if (earlier == null) {
        earlier = stored.get(sourceRef);
      }
      return Optional.ofNullable(earlier);
    }

    @Override
    public void insert(UsageRecord record) {
      checkState(
          findBySourceRef(record.sourceRef()).isEmpty(),
          "source ref %s is used already",
          record.sourceRef());
      journal(restore(bySourceRef, record.sourceRef()));
      int position = inserted.size();
      journal(() -> inserted.remove(position));
      bySourceRef.put(record.sourceRef(), record);
      inserted.add(record);
    }

    @Override
    public Optional<UsageRecord> find(UsageId id) {
      throw notOnTheUsePath();
    }

    @Override
    public Page<UsageRecord> list(UsageQuery query, PageRequest page) {
      throw notOnTheUsePath();
    }

    @Override
    public List<UsageStats> statistics(StatsQuery query) {
      throw notOnTheUsePath();
    }

    @Override
    public void forEachCharged(Consumer<UsageRecord> action) {
      throw notOnTheUsePath();
    }
  }

  /**
   * The subscriptions the group's uses count against, each locked from storage the first time a
   * use asks for it (under its customer's balance lock, as a lone use takes it).
   */
  private final class Subscriptions implements SubscriptionRepository {
    private record Current(OrgId orgId, ProductId productId) {}

    final Map<SubscriptionId, Optional<Subscription>> rows = new HashMap<>();
    final Map<Current, Optional<SubscriptionId>> currentIds = new HashMap<>();
    final Map<SubscriptionId, Subscription> changed = new LinkedHashMap<>();

    /** Locks at once the current subscriptions the uses that name a product may count against. */
    void holdCurrent(List<UseCommand> commands) {
      List<UseCommand> byProduct =
          commands.stream().filter(command -> command.productId().isPresent()).toList();
      List<Subscription> current =
          storage()
              .subscriptions()
              .lockCurrentAll(
                  byProduct.stream().map(UseCommand::orgId).toList(),
                  byProduct.stream().map(command -> command.productId().get()).toList());
      for (Subscription subscription : current) {
        rows.put(subscription.id(), Optional.of(subscription));
        currentIds.put(
            new Current(subscription.orgId(), subscription.productId()),
            Optional.of(subscription.id()));
      }
      byProduct.forEach(
          command ->
              currentIds.putIfAbsent(
                  new Current(command.orgId(), command.productId().get()), Optional.empty()));
    }

    @Override
    public Optional<Subscription> lock(SubscriptionId id) {
      return rows.computeIfAbsent(id, key -> storage().subscriptions().lock(key));
    }

    @Override
    public Optional<Subscription> lockCurrent(OrgId orgId, ProductId productId) {
      Current key = new Current(orgId, productId);
      Optional<SubscriptionId> known = currentIds.get(key);
      if (known == null) {
        Optional<Subscription> locked = storage().subscriptions().lockCurrent(orgId, productId);
        locked.ifPresent(sub -> rows.putIfAbsent(sub.id(), locked));
        known = locked.map(Subscription::id);
        currentIds.put(key, known);
      }
      return known.flatMap(this::lock);
    }

    @Override
    public Optional<Subscription> find(SubscriptionId id) {
      return lock(id);
    }

    @Override
    public Optional<Subscription> findCurrent(OrgId orgId, ProductId productId) {
      return lockCurrent(orgId, productId);
    }

    @Override
    public void update(Subscription subscription) {
      SubscriptionId id = subscription.id();
      checkState(
          rows.getOrDefault(id, Optional.empty()).isPresent(), "no subscription to update: %s", id);
      checkState(
          rows.get(id).get().status() == subscription.status(),
          "a use does not change the status of subscription %s",
          id);
      rewrite(rows, changed, id, subscription);
    }

    @Override
    public void insert(Subscription subscription) {
      throw notOnTheUsePath();
    }

    @Override
    public Page<Subscription> list(SubscriptionQuery query, PageRequest page) {
      throw notOnTheUsePath();
    }

    @Override
    public List<Subscription> findEnded(Instant now, int limit) {
      throw notOnTheUsePath();
    }

    @Override
    public long countCurrent(ProductId productId) {
      throw notOnTheUsePath();
    }
  }

  /**
   * The chains the group's postings extend: each head locked from storage the first time a
   * posting asks for it, then moved in memory by each appended transaction.
   */
  private final class Ledger implements LedgerRepository {
    final Map<AccountId, ChainHead> heads = new HashMap<>();
    final List<LedgerTransaction> appended = new ArrayList<>();

    @Override
    public Map<AccountId, ChainHead> lockHeads(Collection<AccountId> chains) {
      List<AccountId> unknown = chains.stream().filter(chain -> !heads.containsKey(chain)).toList();
      if (!unknown.isEmpty()) {
        heads.putAll(storage().ledger().lockHeads(unknown));
      }
      Map<AccountId, ChainHead> wanted = new HashMap<>();
      chains.forEach(chain -> wanted.put(chain, heads.get(chain)));
      return wanted;
    }

    @Override
    public void append(LedgerTransaction transaction) {
      AccountId chain = transaction.legs().get(0).chain();
      ChainHead head = heads.get(chain);
      for (LedgerEntry leg : transaction.legs()) {
        checkState(
            head != null
                && leg.chain().equals(chain)
                && leg.sequence() == head.sequence() + 1
                && leg.previousHash().equals(head.hash()),
            "leg of %s on %s does not continue the locked head of chain %s",
            transaction.id(),
            leg.account(),
            chain);
        head = new ChainHead(leg.sequence(), leg.hash());
      }
      journal(restore(heads, chain));
      int position = appended.size();
      journal(() -> appended.remove(position));
      heads.put(chain, head);
      appended.add(transaction);
    }

    @Override
    public List<LedgerTransaction> findByReference(Reference reference) {
      throw notOnTheUsePath();
    }

    @Override
    public Page<LedgerEntry> list(LedgerQuery query, PageRequest page) {
      throw notOnTheUsePath();
    }

    @Override
    public void forEachTransaction(Consumer<List<LedgerEntry>> action) {
      throw notOnTheUsePath();
    }

    @Override
    public void forEachEntryByChain(Consumer<LedgerEntry> action) {
      throw notOnTheUsePath();
    }

    @Override
    public void forEachHead(BiConsumer<AccountId, ChainHead> action) {
      throw notOnTheUsePath();
    }
  }
}
