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
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.SubscriptionRepository;
import dev.tally.core.port.out.UnitOfWork;
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
  private static final class Watched extends ForwardingRepositories {
    private final Written written;

    Watched(Repositories storage, Written written) {
      super(storage);
      this.written = written;
    }

    @Override
    public SubscriptionRepository subscriptions() {
      return new WatchedSubscriptions(storage().subscriptions(), written.subscriptions());
    }

    @Override
    public BalanceRepository balances() {
      return new WatchedBalances(storage().balances(), written.balances());
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
