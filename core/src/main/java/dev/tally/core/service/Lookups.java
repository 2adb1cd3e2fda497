package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Supplier;
import dev.tally.core.port.out.Repositories;

/** Reads that must find their row, failing with {@code not_found} and the id otherwise. */
final class Lookups {
  private Lookups() {}

  static Product product(Repositories repos, ProductId id) {
    return repos.products().find(id).orElseThrow(() -> TallyException.notFound("product", id));
  }

  static Supplier supplier(Repositories repos, OrgId id) {
    return repos.suppliers().find(id).orElseThrow(() -> TallyException.notFound("supplier", id));
  }

  static ProductResource resource(Repositories repos, ProductResourceId id) {
    return repos.resources().find(id).orElseThrow(() -> TallyException.notFound("resource", id));
  }

  static Subscription subscription(Repositories repos, SubscriptionId id) {
    return repos
        .subscriptions()
        .find(id)
        .orElseThrow(() -> TallyException.notFound("subscription", id));
  }

  static Subscription lockedSubscription(Repositories repos, SubscriptionId id) {
    return repos
        .subscriptions()
        .lock(id)
        .orElseThrow(() -> TallyException.notFound("subscription", id));
  }

  static Hold hold(Repositories repos, HoldId id) {
    return repos.holds().find(id).orElseThrow(() -> TallyException.notFound("hold", id));
  }

  static CustomerBalance balance(Repositories repos, OrgId org) {
    return repos.balances().find(org).orElseThrow(() -> noBalance(org));
  }

  static CustomerBalance lockedBalance(Repositories repos, OrgId org) {
    return repos.balances().lock(org).orElseThrow(() -> noBalance(org));
  }

  private static TallyException noBalance(OrgId org) {
    return TallyException.of(
        ErrorCode.NOT_FOUND, "customer %s has no balance; a recharge opens one", org);
  }
}
