package dev.tally.core.port.out;

/**
 * The repositories of one unit of work, all reading and writing in the same transaction. Only
 * valid inside {@link UnitOfWork#inTransaction}.
 *
 * <p>Methods named {@code lock...} read a row and hold it against concurrent writers until the
 * unit of work ends ({@code SELECT ... FOR UPDATE}). Callers take locks in one order to stay clear
 * of deadlocks: customer balance, then subscription, then hold, then ledger chain heads sorted by
 * account.
 *
 * <p>A write the storage refuses (an insert of a key that exists, an update of a row that does
 * not, a ledger leg that does not continue its account's chain) throws {@link
 * IllegalStateException} or, from a database after the unit of work retried in case the key was
 * taken by a concurrent transaction, {@link StorageException}. Lists break ties by id.
 */
public interface Repositories {
  ProductRepository products();

  SupplierRepository suppliers();

  ResourceRepository resources();

  SupplierLinkRepository supplierLinks();

  SubscriptionRepository subscriptions();

  UsageRepository usage();

  BalanceRepository balances();

  HoldRepository holds();

  LedgerRepository ledger();

  PricingRepository pricing();

  CredentialRepository credentials();

  CatalogCacheRepository catalog();

  DiscountRepository discounts();

  SyncStateRepository syncStates();

  CodeSetRepository codeSets();
}
