package dev.tally.core.service;

import dev.tally.core.port.in.Balances;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.Ledger;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.Pricing;
import dev.tally.core.port.in.Products;
import dev.tally.core.port.in.Subscriptions;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.IdGenerator;
import dev.tally.core.port.out.UnitOfWork;

/**
 * The billing engine wired onto its driven ports: the one public entry into core's use cases.
 * Bootstrap builds it over the database adapters; tests build it over the in-memory ports.
 * Thread-safe: the use cases keep no state of their own.
 */
public final class TallyCore {
  private final Products products;
  private final Subscriptions subscriptions;
  private final Metering metering;
  private final Balances balances;
  private final Holds holds;
  private final Ledger ledger;
  private final Pricing pricing;
  private final Credentials credentials;

  public TallyCore(UnitOfWork unitOfWork, Clock clock, IdGenerator ids, CoreSettings settings) {
    Environment env = new Environment(unitOfWork, clock, ids, settings);
    Bookkeeper bookkeeper = new Bookkeeper(env);
    Renewals renewals = new Renewals(bookkeeper);
    this.products = new ProductCatalogService(env);
    this.subscriptions = new SubscriptionService(env, renewals);
    this.metering = new MeteringService(env, bookkeeper, renewals);
    this.balances = new BalanceService(env, bookkeeper);
    this.holds = new HoldService(env, bookkeeper);
    this.ledger = new LedgerService(env);
    this.pricing = new PricingService(env);
    this.credentials =
        new CredentialService(env, settings.secretSealer(), settings.timestampWindow());
  }

  public Products products() {
    return products;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  public Metering metering() {
    return metering;
  }

  public Balances balances() {
    return balances;
  }

  public Holds holds() {
    return holds;
  }

  public Ledger ledger() {
    return ledger;
  }

  public Pricing pricing() {
    return pricing;
  }

  public Credentials credentials() {
    return credentials;
  }
}
