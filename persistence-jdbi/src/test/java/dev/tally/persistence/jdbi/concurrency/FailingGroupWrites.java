package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
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
import dev.tally.core.port.out.UsageRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Repositories whose usage insert fails as a deadlock or a lost connection would when it holds
 * more than one row, as only a group of several uses makes it: the group's whole unit of work rolls
 * back, and a use applied alone (a group of one) goes through. Everything else reaches the
 * database.
 */
final class FailingGroupWrites implements Repositories {
  private final Repositories database;

  FailingGroupWrites(Repositories database) {
    this.database = database;
  }

  @Override
  public UsageRepository usage() {
    UsageRepository usage = database.usage();
    return new UsageRepository() {
      @Override
      public void insertAll(List<UsageRecord> usages) {
        if (usages.size() > 1) {
          throw new IllegalStateException("simulated failure of a group's unit of work");
        }
        usage.insertAll(usages);
      }

      @Override
      public void insert(UsageRecord record) {
        usage.insert(record);
      }

      @Override
      public Optional<UsageRecord> find(UsageId id) {
        return usage.find(id);
      }

      @Override
      public Optional<UsageRecord> findBySourceRef(SourceRef sourceRef) {
        return usage.findBySourceRef(sourceRef);
      }

      @Override
      public Page<UsageRecord> list(UsageQuery query, PageRequest page) {
        return usage.list(query, page);
      }

      @Override
      public List<UsageStats> statistics(StatsQuery query) {
        return usage.statistics(query);
      }

      @Override
      public void forEachCharged(Consumer<UsageRecord> action) {
        usage.forEachCharged(action);
      }
    };
  }

  @Override
  public ProductRepository products() {
    return database.products();
  }

  @Override
  public SupplierRepository suppliers() {
    return database.suppliers();
  }

  @Override
  public ResourceRepository resources() {
    return database.resources();
  }

  @Override
  public SupplierLinkRepository supplierLinks() {
    return database.supplierLinks();
  }

  @Override
  public SubscriptionRepository subscriptions() {
    return database.subscriptions();
  }

  @Override
  public BalanceRepository balances() {
    return database.balances();
  }

  @Override
  public HoldRepository holds() {
    return database.holds();
  }

  @Override
  public LedgerRepository ledger() {
    return database.ledger();
  }

  @Override
  public PricingRepository pricing() {
    return database.pricing();
  }

  @Override
  public CredentialRepository credentials() {
    return database.credentials();
  }

  @Override
  public CatalogCacheRepository catalog() {
    return database.catalog();
  }

  @Override
  public DiscountRepository discounts() {
    return database.discounts();
  }

  @Override
  public SyncStateRepository syncStates() {
    return database.syncStates();
  }

  @Override
  public CodeSetRepository codeSets() {
    return database.codeSets();
  }
}
