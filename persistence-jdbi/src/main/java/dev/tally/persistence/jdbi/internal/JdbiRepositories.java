package dev.tally.persistence.jdbi.internal;

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
import org.jdbi.v3.core.Handle;

/** The repositories of one transaction, all on its handle; each made when first asked for. */
final class JdbiRepositories implements Repositories {
  private final Handle handle;
  private ProductRepository products;
  private SupplierRepository suppliers;
  private ResourceRepository resources;
  private SupplierLinkRepository supplierLinks;
  private SubscriptionRepository subscriptions;
  private UsageRepository usage;
  private BalanceRepository balances;
  private HoldRepository holds;
  private LedgerRepository ledger;
  private PricingRepository pricing;
  private CredentialRepository credentials;
  private CatalogCacheRepository catalog;
  private DiscountRepository discounts;
  private SyncStateRepository syncStates;
  private CodeSetRepository codeSets;

  JdbiRepositories(Handle handle) {
    this.handle = handle;
  }

  @Override
  public ProductRepository products() {
    if (products == null) {
      products = new JdbiProductRepository(handle);
    }
    return products;
  }

  @Override
  public SupplierRepository suppliers() {
    if (suppliers == null) {
      suppliers = new JdbiSupplierRepository(handle);
    }
    return suppliers;
  }

  @Override
  public ResourceRepository resources() {
    if (resources == null) {
      resources = new JdbiResourceRepository(handle);
    }
    return resources;
  }

  @Override
  public SupplierLinkRepository supplierLinks() {
    if (supplierLinks == null) {
      supplierLinks = new JdbiSupplierLinkRepository(handle);
    }
    return supplierLinks;
  }

  @Override
  public SubscriptionRepository subscriptions() {
    if (subscriptions == null) {
      subscriptions = new JdbiSubscriptionRepository(handle);
    }
    return subscriptions;
  }

  @Override
  public UsageRepository usage() {
    if (usage == null) {
      usage = new JdbiUsageRepository(handle);
    }
    return usage;
  }

  @Override
  public BalanceRepository balances() {
    if (balances == null) {
      balances = new JdbiBalanceRepository(handle);
    }
    return balances;
  }

  @Override
  public HoldRepository holds() {
    if (holds == null) {
      holds = new JdbiHoldRepository(handle);
    }
    return holds;
  }

  @Override
  public LedgerRepository ledger() {
    if (ledger == null) {
      ledger = new JdbiLedgerRepository(handle);
    }
    return ledger;
  }

  @Override
  public PricingRepository pricing() {
    if (pricing == null) {
      pricing = new JdbiPricingRepository(handle);
    }
    return pricing;
  }

  @Override
  public CredentialRepository credentials() {
    if (credentials == null) {
      credentials = new JdbiCredentialRepository(handle);
    }
    return credentials;
  }

  @Override
  public CatalogCacheRepository catalog() {
    if (catalog == null) {
      catalog = new JdbiCatalogCacheRepository(handle);
    }
    return catalog;
  }

  @Override
  public DiscountRepository discounts() {
    if (discounts == null) {
      discounts = new JdbiDiscountRepository(handle);
    }
    return discounts;
  }

  @Override
  public SyncStateRepository syncStates() {
    if (syncStates == null) {
      syncStates = new JdbiSyncStateRepository(handle);
    }
    return syncStates;
  }

  @Override
  public CodeSetRepository codeSets() {
    if (codeSets == null) {
      codeSets = new JdbiCodeSetRepository(handle);
    }
    return codeSets;
  }
}
