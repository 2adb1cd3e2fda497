package dev.tally.core.service;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.port.out.Repositories;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a use reads of the catalogue (products, their resources, supplier links, suppliers and
 * customer discounts), kept in memory so that a use's unit of work reads none of it when warm. Any
 * change to these through the core services clears all of it once committed (such changes are
 * rare next to uses); a change made by another server is seen when the entries expire, after the
 * configured time to live. Thread-safe.
 */
final class CatalogueCache {
  /** A customer's discount with a reseller. */
  private record DiscountKey(OrgId resellerOrgId, OrgId customerOrgId) {}

  private final ReadThroughCache<ProductId, Product> products;
  private final ReadThroughCache<ProductResourceId, ProductResource> resources;
  private final ReadThroughCache<ProductId, List<ProductResource>> resourcesByProduct;
  private final ReadThroughCache<ProductResourceId, List<SupplierLink>> linksByResource;
  private final ReadThroughCache<OrgId, Supplier> suppliers;
  private final ReadThroughCache<DiscountKey, BigDecimal> discounts;

  CatalogueCache(CacheSettings settings, Ticker ticker) {
    this.products =
        new ReadThroughCache<>("products", settings, ticker, (repos, id) -> repos.products().find(id));
    this.resources =
        new ReadThroughCache<>(
            "resources", settings, ticker, (repos, id) -> repos.resources().find(id));
    this.resourcesByProduct =
        new ReadThroughCache<>(
            "product resources",
            settings,
            ticker,
            (repos, id) -> Optional.of(ImmutableList.copyOf(repos.resources().findByProduct(id))));
    this.linksByResource =
        new ReadThroughCache<>(
            "supplier links",
            settings,
            ticker,
            (repos, id) ->
                Optional.of(ImmutableList.copyOf(repos.supplierLinks().findByResource(id))));
    this.suppliers =
        new ReadThroughCache<>(
            "suppliers", settings, ticker, (repos, id) -> repos.suppliers().find(id));
    // absent discounts are cached too (as 1): most customers have none
    this.discounts =
        new ReadThroughCache<>(
            "discounts",
            settings,
            ticker,
            (repos, key) ->
                Optional.of(
                    repos
                        .discounts()
                        .find(key.resellerOrgId(), key.customerOrgId())
                        .map(CustomerDiscount::multiplier)
                        .orElse(BigDecimal.ONE)));
  }

  Product product(Repositories repos, ProductId id) {
    return products.find(repos, id).orElseThrow(() -> TallyException.notFound("product", id));
  }

  /** The product if it is in memory, without reading storage. */
  Optional<Product> cachedProduct(ProductId id) {
    return products.cached(id);
  }

  ProductResource resource(Repositories repos, ProductResourceId id) {
    return resources.find(repos, id).orElseThrow(() -> TallyException.notFound("resource", id));
  }

  List<ProductResource> resourcesOf(Repositories repos, ProductId productId) {
    return resourcesByProduct.find(repos, productId).orElseThrow();
  }

  List<SupplierLink> supplierLinks(Repositories repos, ProductResourceId resourceId) {
    return linksByResource.find(repos, resourceId).orElseThrow();
  }

  Optional<Supplier> supplier(Repositories repos, OrgId orgId) {
    return suppliers.find(repos, orgId);
  }

  /** The multiplier of a customer's charges with a reseller: its discount, or 1 without one. */
  BigDecimal discountMultiplier(Repositories repos, OrgId resellerOrgId, OrgId customerOrgId) {
    return discounts.find(repos, new DiscountKey(resellerOrgId, customerOrgId)).orElseThrow();
  }

  /**
   * Reads in one go the multipliers of the given (reseller, customer) pairs that are not in memory:
   * what a group of uses of many customers would otherwise read one by one.
   */
  void preloadDiscountMultipliers(Repositories repos, Map<OrgId, Set<OrgId>> customersByReseller) {
    customersByReseller.forEach(
        (reseller, customers) ->
            discounts.preload(
                repos,
                customers.stream().map(customer -> new DiscountKey(reseller, customer)).toList(),
                (storage, keys) -> {
                  Map<OrgId, CustomerDiscount> given =
                      storage
                          .discounts()
                          .findAll(reseller, keys.stream().map(DiscountKey::customerOrgId).toList());
                  Map<DiscountKey, BigDecimal> multipliers = new HashMap<>();
                  keys.forEach(
                      key ->
                          multipliers.put(
                              key,
                              Optional.ofNullable(given.get(key.customerOrgId()))
                                  .map(CustomerDiscount::multiplier)
                                  .orElse(BigDecimal.ONE)));
                  return multipliers;
                }));
  }

  /** The multiplier if it is in memory, without reading storage. */
  Optional<BigDecimal> cachedDiscountMultiplier(OrgId resellerOrgId, OrgId customerOrgId) {
    return discounts.cached(new DiscountKey(resellerOrgId, customerOrgId));
  }

  /** Forgets everything; call after a change to the catalogue or to a discount committed. */
  void invalidateAll() {
    products.invalidateIf(any -> true);
    resources.invalidateIf(any -> true);
    resourcesByProduct.invalidateIf(any -> true);
    linksByResource.invalidateIf(any -> true);
    suppliers.invalidateIf(any -> true);
    discounts.invalidateIf(any -> true);
  }

  List<CacheReport> reports() {
    return ImmutableList.of(
        products.report(),
        resources.report(),
        resourcesByProduct.report(),
        linksByResource.report(),
        suppliers.report(),
        discounts.report());
  }
}
