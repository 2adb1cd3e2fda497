package dev.tally.core.service;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a use reads of the catalogue (products, their resources, supplier links, suppliers and
 * customer discounts), kept in memory so that a use's unit of work reads none of it when warm. Any
 * change to these through the core services clears all of it once committed (such changes are
 * rare next to uses); a change made by another server is seen when the entries expire, after the
 * configured time to live. Thread-safe.
 *
 * <p>A reseller's discounts are one entry, all of them read in one statement, so that a customer
 * who uses less often than the time to live (most of a reseller's many customers) is charged from
 * memory too: kept per customer, such a customer's discount was read again on nearly every use.
 */
final class CatalogueCache {
  private final ReadThroughCache<ProductId, Product> products;
  private final ReadThroughCache<ProductResourceId, ProductResource> resources;
  private final ReadThroughCache<ProductId, List<ProductResource>> resourcesByProduct;
  private final ReadThroughCache<ProductResourceId, List<SupplierLink>> linksByResource;
  private final ReadThroughCache<OrgId, Supplier> suppliers;
  // a reseller's multipliers by customer; a customer without a discount is absent (x 1)
  private final ReadThroughCache<OrgId, ImmutableMap<OrgId, BigDecimal>> discountsByReseller;

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
    this.discountsByReseller =
        new ReadThroughCache<>(
            "discounts",
            settings,
            ticker,
            (repos, reseller) -> Optional.of(multipliers(repos.discounts().findAllOf(reseller))));
  }

  private static ImmutableMap<OrgId, BigDecimal> multipliers(
      Map<OrgId, CustomerDiscount> discounts) {
    return ImmutableMap.copyOf(Maps.transformValues(discounts, CustomerDiscount::multiplier));
  }

  Product product(Repositories repos, ProductId id) {
    return products.find(repos, id).orElseThrow(() -> TallyException.notFound("product", id));
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
    ImmutableMap<OrgId, BigDecimal> multipliers =
        discountsByReseller.find(repos, resellerOrgId).orElseThrow();
    return multiplierOf(multipliers, customerOrgId);
  }

  /** The multiplier if the reseller's discounts are in memory, without reading storage. */
  Optional<BigDecimal> cachedDiscountMultiplier(OrgId resellerOrgId, OrgId customerOrgId) {
    return discountsByReseller
        .cached(resellerOrgId)
        .map(multipliers -> multiplierOf(multipliers, customerOrgId));
  }

  private static BigDecimal multiplierOf(Map<OrgId, BigDecimal> multipliers, OrgId customer) {
    return multipliers.getOrDefault(customer, BigDecimal.ONE);
  }

  /** Forgets everything; call after a change to the catalogue or to a discount committed. */
  void invalidateAll() {
    products.invalidateIf(any -> true);
    resources.invalidateIf(any -> true);
    resourcesByProduct.invalidateIf(any -> true);
    linksByResource.invalidateIf(any -> true);
    suppliers.invalidateIf(any -> true);
    discountsByReseller.invalidateIf(any -> true);
  }

  List<CacheReport> reports() {
    return ImmutableList.of(
        products.report(),
        resources.report(),
        resourcesByProduct.report(),
        linksByResource.report(),
        suppliers.report(),
        discountsByReseller.report());
  }
}
