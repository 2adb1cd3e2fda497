package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.port.out.BalanceRepository;
import dev.tally.core.port.out.CatalogCacheRepository;
import dev.tally.core.port.out.CodeSetRepository;
import dev.tally.core.port.out.CredentialRepository;
import dev.tally.core.port.out.DiscountRepository;
import dev.tally.core.port.out.HoldRepository;
import dev.tally.core.port.out.LedgerRepository;
import dev.tally.core.port.out.PricingRepository;
import dev.tally.core.port.out.ProductRepository;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.ResourceRepository;
import dev.tally.core.port.out.SubscriptionRepository;
import dev.tally.core.port.out.SupplierLinkRepository;
import dev.tally.core.port.out.SupplierRepository;
import dev.tally.core.port.out.SyncStateRepository;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.port.out.UsageRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs units of work on the storage and, when the outermost one on a thread ends (committed,
 * rolled back or of unknown outcome), tells a listener which subscriptions and customers' balances
 * it wrote: what lets an in-process cache of them stay exact when this process is the only writer.
 * Thread-safe.
 */
final class WriteWatchingUnitOfWork implements UnitOfWork {
  /** The rows one unit of work wrote (or tried to write). */
  record Written(Set<SubscriptionId> subscriptions, Set<OrgId> balances) {}

  private final UnitOfWork storage;
  private final Consumer<Written> afterEnd;
  // the writes of the outermost unit of work running on this thread, which nested ones join
  private final ThreadLocal<Written> current = new ThreadLocal<>();

  WriteWatchingUnitOfWork(UnitOfWork storage, Consumer<Written> afterEnd) {
    this.storage = checkNotNull(storage, "storage");
    this.afterEnd = checkNotNull(afterEnd, "after end");
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    Written joined = current.get();
    if (joined != null) {
      return storage.inTransaction(repos -> work.apply(new Watched(repos, joined)));
    }
    Written written = new Written(new HashSet<>(), new HashSet<>());
    current.set(written);
    try {
      return storage.inTransaction(repos -> work.apply(new Watched(repos, written)));
    } finally {
      current.remove();
      if (!written.subscriptions().isEmpty() || !written.balances().isEmpty()) {
        afterEnd.accept(written);
      }
    }
  }

  /** The storage's repositories, noting each subscription and balance written. */
  private record Watched(Repositories storage, Written written) implements Repositories {
    @Override
    public SubscriptionRepository subscriptions() {
      return new WatchedSubscriptions(storage.subscriptions(), written.subscriptions());
    }

    @Override
    public BalanceRepository balances() {
      return new WatchedBalances(storage.balances(), written.balances());
    }

    @Override
    public ProductRepository products() {
      return storage.products();
    }

    @Override
    public SupplierRepository suppliers() {
      return storage.suppliers();
    }

    @Override
    public ResourceRepository resources() {
      return storage.resources();
    }

    @Override
    public SupplierLinkRepository supplierLinks() {
      return storage.supplierLinks();
    }

    @Override
    public UsageRepository usage() {
      return storage.usage();
    }

    @Override
    public HoldRepository holds() {
      return storage.holds();
    }

    @Override
    public LedgerRepository ledger() {
      return storage.ledger();
    }

    @Override
    public PricingRepository pricing() {
      return storage.pricing();
    }

    @Override
    public CredentialRepository credentials() {
      return storage.credentials();
    }

    @Override
    public CatalogCacheRepository catalog() {
      return storage.catalog();
    }

    @Override
    public DiscountRepository discounts() {
      return storage.discounts();
    }

    @Override
    public SyncStateRepository syncStates() {
      return storage.syncStates();
    }

    @Override
    public CodeSetRepository codeSets() {
      return storage.codeSets();
    }
  }

  private record WatchedSubscriptions(SubscriptionRepository storage, Set<SubscriptionId> written)
      implements SubscriptionRepository {
    @Override
    public void insert(Subscription subscription) {
      written.add(subscription.id());
      storage.insert(subscription);
    }

    @Override
    public void update(Subscription subscription) {
      written.add(subscription.id());
      storage.update(subscription);
    }

    @Override
    public void updateAll(Collection<Subscription> subscriptions) {
      subscriptions.forEach(subscription -> written.add(subscription.id()));
      storage.updateAll(subscriptions);
    }

    @Override
    public Optional<Subscription> find(SubscriptionId id) {
      return storage.find(id);
    }

    @Override
    public Optional<Subscription> lock(SubscriptionId id) {
      return storage.lock(id);
    }

    @Override
    public Optional<Subscription> findCurrent(OrgId orgId, ProductId productId) {
      return storage.findCurrent(orgId, productId);
    }

    @Override
    public Optional<Subscription> lockCurrent(OrgId orgId, ProductId productId) {
      return storage.lockCurrent(orgId, productId);
    }

    @Override
    public List<Subscription> lockCurrentAll(
        Collection<OrgId> orgIds, Collection<ProductId> productIds) {
      return storage.lockCurrentAll(orgIds, productIds);
    }

    @Override
    public Page<Subscription> list(SubscriptionQuery query, PageRequest page) {
      return storage.list(query, page);
    }

    @Override
    public List<Subscription> findEnded(Instant now, int limit) {
      return storage.findEnded(now, limit);
    }

    @Override
    public long countCurrent(ProductId productId) {
      return storage.countCurrent(productId);
    }
  }

  private record WatchedBalances(BalanceRepository storage, Set<OrgId> written)
      implements BalanceRepository {
    @Override
    public void insert(CustomerBalance balance) {
      written.add(balance.orgId());
      storage.insert(balance);
    }

    @Override
    public void update(CustomerBalance balance) {
      written.add(balance.orgId());
      storage.update(balance);
    }

    @Override
    public void updateAll(Collection<CustomerBalance> balances) {
      balances.forEach(balance -> written.add(balance.orgId()));
      storage.updateAll(balances);
    }

    @Override
    public Optional<CustomerBalance> find(OrgId orgId) {
      return storage.find(orgId);
    }

    @Override
    public Optional<CustomerBalance> lock(OrgId orgId) {
      return storage.lock(orgId);
    }

    @Override
    public Map<OrgId, CustomerBalance> lockAll(Collection<OrgId> orgIds) {
      return storage.lockAll(orgIds);
    }

    @Override
    public Page<CustomerBalance> list(Optional<BalanceStatus> status, PageRequest page) {
      return storage.list(status, page);
    }

    @Override
    public void forEach(Consumer<CustomerBalance> action) {
      storage.forEach(action);
    }
  }
}
