package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

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

/**
 * Repositories that hand out the storage's own, for a subclass to replace the few it stands in
 * front of.
 */
abstract class ForwardingRepositories implements Repositories {
  private final Repositories storage;

  ForwardingRepositories(Repositories storage) {
    this.storage = checkNotNull(storage, "storage");
  }

  /** The repositories this one forwards to. */
  final Repositories storage() {
    return storage;
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
  public SubscriptionRepository subscriptions() {
    return storage.subscriptions();
  }

  @Override
  public UsageRepository usage() {
    return storage.usage();
  }

  @Override
  public BalanceRepository balances() {
    return storage.balances();
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
