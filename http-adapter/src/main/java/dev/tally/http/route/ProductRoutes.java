package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Products;
import dev.tally.core.port.in.UpdateSupplierLink;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue: products, suppliers, resource binding and supplier links. Everyone reads products
 * and their resources (which carry sell prices only); suppliers and supplier links carry the
 * reseller's costs and are read by admin and service keys only; every change is an admin's.
 */
final class ProductRoutes {
  private final Products products;

  ProductRoutes(Products products) {
    this.products = products;
  }

  /** A product as the API shows it. */
  record ProductView(
      String id,
      String productName,
      String ownerOrgId,
      String description,
      String status,
      Instant createdAt) {

    static ProductView of(Product product) {
      return new ProductView(
          product.id().value(),
          product.name(),
          product.ownerOrgId().value(),
          product.description(),
          product.status().code(),
          product.createdAt());
    }
  }

  /** A supplier as the API shows it (to admin and service keys). */
  record SupplierView(String orgId, String supplierName, String status, Instant createdAt) {

    static SupplierView of(Supplier supplier) {
      return new SupplierView(
          supplier.orgId().value(),
          supplier.name(),
          supplier.status().code(),
          supplier.createdAt());
    }
  }

  /**
   * A resource bound into a product, with its sell terms (never a cost). {@code currency} is the
   * currency of the unit price and min balance; absent when the pricing programme alone prices it.
   */
  record ResourceView(
      String id,
      String productId,
      String resourceType,
      String resourceRefId,
      String billingMode,
      String usedUnit,
      String unitPrice,
      String currency,
      String pricingProgramId,
      String minBalance,
      String status,
      Instant createdAt) {

    static ResourceView of(ProductResource resource) {
      return new ResourceView(
          resource.id().value(),
          resource.productId().value(),
          resource.resourceType().code(),
          resource.resourceRefId(),
          resource.billingMode().code(),
          resource.usedUnit().name(),
          resource.unitPrice().map(Views::amount).orElse(null),
          resource
              .unitPrice()
              .map(UnitPrice::currency)
              .or(() -> resource.minBalance().map(Money::currency))
              .map(Currency::code)
              .orElse(null),
          resource.pricingProgramId().map(PricingProgramId::value).orElse(null),
          resource.minBalance().map(Views::amount).orElse(null),
          resource.status().code(),
          resource.createdAt());
    }
  }

  /** A supplier's link to a resource, with its cost: admin and service keys only. */
  record SupplierLinkView(
      String resourceId,
      String supplierOrgId,
      String unitCost,
      String currency,
      int priority,
      String status,
      Instant createdAt) {

    static SupplierLinkView of(SupplierLink link) {
      return new SupplierLinkView(
          link.resourceId().value(),
          link.supplierOrgId().value(),
          Views.amount(link.unitCost()),
          link.unitCost().currency().code(),
          link.priority(),
          link.status().code(),
          link.createdAt());
    }
  }

  void register(RoutesConfig routes) {
    routes.post(Api.path("/products"), this::createProduct);
    routes.get(Api.path("/products"), this::listProducts);
    routes.get(Api.path("/products/{product_id}"), this::showProduct);
    routes.put(Api.path("/products/{product_id}/status"), this::productStatus);

    routes.post(Api.path("/suppliers"), this::createSupplier);
    routes.get(Api.path("/suppliers"), this::listSuppliers);
    routes.put(Api.path("/suppliers/{org_id}/status"), this::supplierStatus);

    routes.post(Api.path("/products/{product_id}/resources"), this::bind);
    routes.get(Api.path("/products/{product_id}/resources"), this::listResources);
    routes.delete(Api.path("/products/{product_id}/resources/{resource_id}"), this::unbind);

    routes.post(Api.path("/resources/{resource_id}/suppliers"), this::link);
    routes.get(Api.path("/resources/{resource_id}/suppliers"), this::listLinks);
    routes.put(Api.path("/resources/{resource_id}/suppliers/{org_id}"), this::updateLink);
    routes.delete(Api.path("/resources/{resource_id}/suppliers/{org_id}"), this::unlink);
  }

  // products

  private void createProduct(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    JsonBody body =
        JsonBody.parse(ctx.body(), Set.of("product_name", "owner_org_id", "description", "status"));
    String name = body.text("product_name");
    OrgId owner = body.value("owner_org_id", OrgId::of);
    String description = body.optionalText("description").orElse("");
    ProductStatus status =
        body.optionalValue("status", ProductStatus::fromCode).orElse(ProductStatus.PUBLISHED);
    Product created =
        products.createProduct(
            Commands.build(() -> new CreateProduct(name, owner, description, status)));
    ctx.status(201).json(ProductView.of(created));
  }

  private void listProducts(Context ctx) {
    Access.principal(ctx);
    ProductQuery query =
        new ProductQuery(
            Params.query(ctx, "owner_org_id", OrgId::of),
            Params.query(ctx, "status", ProductStatus::fromCode));
    ctx.json(Views.page(products.products(query, Params.page(ctx)), ProductView::of));
  }

  private void showProduct(Context ctx) {
    Access.principal(ctx);
    ctx.json(ProductView.of(products.product(productId(ctx))));
  }

  private void productStatus(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ProductId id = productId(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("status"));
    ProductStatus status = body.value("status", ProductStatus::fromCode);
    ctx.json(ProductView.of(products.setProductStatus(id, status)));
  }

  // suppliers

  private void createSupplier(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("org_id", "supplier_name"));
    OrgId org = body.value("org_id", OrgId::of);
    String name = body.text("supplier_name");
    Supplier created = products.createSupplier(Commands.build(() -> new CreateSupplier(org, name)));
    ctx.status(201).json(SupplierView.of(created));
  }

  private void listSuppliers(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    ctx.json(Views.page(products.suppliers(Params.page(ctx)), SupplierView::of));
  }

  private void supplierStatus(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    OrgId org = Params.path(ctx, "org_id", OrgId::of);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("status"));
    SupplierStatus status = body.value("status", SupplierStatus::fromCode);
    ctx.json(SupplierView.of(products.setSupplierStatus(org, status)));
  }

  // resource binding

  private void bind(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ProductId product = productId(ctx);
    JsonBody body =
        JsonBody.parse(
            ctx.body(),
            Set.of(
                "resource_type",
                "resource_ref_id",
                "billing_mode",
                "used_unit",
                "unit_price",
                "currency",
                "pricing_program_id",
                "min_balance"));
    Currency currency = body.optionalCurrency("currency").orElse(Currency.CNY);
    ResourceType type = body.value("resource_type", ResourceType::fromCode);
    String ref = body.text("resource_ref_id");
    BillingMode mode = body.value("billing_mode", BillingMode::fromCode);
    Unit unit = body.value("used_unit", Unit::of);
    Optional<UnitPrice> price = body.optionalUnitPrice("unit_price", currency);
    Optional<PricingProgramId> program =
        body.optionalValue("pricing_program_id", PricingProgramId::of);
    Optional<Money> minBalance = body.optionalMoney("min_balance", currency);
    BindResource command =
        Commands.build(
            () -> new BindResource(product, type, ref, mode, unit, price, program, minBalance));
    ctx.status(201).json(ResourceView.of(products.bind(command)));
  }

  private void listResources(Context ctx) {
    Access.principal(ctx);
    ProductId product = productId(ctx);
    PageRequest page = Params.page(ctx);
    ctx.json(Views.page(Views.pageOf(products.resources(product), page), ResourceView::of));
  }

  private void unbind(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ProductId product = productId(ctx);
    ProductResourceId resource = resourceId(ctx);
    boolean force = Params.flag(ctx, "force");
    ctx.json(ResourceView.of(products.unbind(product, resource, force)));
  }

  // supplier links

  private void link(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ProductResourceId resource = resourceId(ctx);
    JsonBody body =
        JsonBody.parse(ctx.body(), Set.of("supplier_org_id", "unit_cost", "currency", "priority"));
    Currency currency = body.optionalCurrency("currency").orElse(Currency.CNY);
    OrgId supplier = body.value("supplier_org_id", OrgId::of);
    UnitPrice cost =
        body.optionalUnitPrice("unit_cost", currency)
            .orElseThrow(() -> new BadRequest("unit_cost is required"));
    int priority =
        body.optionalInt("priority").orElseThrow(() -> new BadRequest("priority is required"));
    SupplierLink linked =
        products.linkSupplier(
            Commands.build(() -> new LinkSupplier(resource, supplier, cost, priority)));
    ctx.status(201).json(SupplierLinkView.of(linked));
  }

  private void listLinks(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    ProductResourceId resource = resourceId(ctx);
    PageRequest page = Params.page(ctx);
    ctx.json(Views.page(Views.pageOf(products.supplierLinks(resource), page), SupplierLinkView::of));
  }

  private void updateLink(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ProductResourceId resource = resourceId(ctx);
    OrgId supplier = Params.path(ctx, "org_id", OrgId::of);
    JsonBody body =
        JsonBody.parse(ctx.body(), Set.of("unit_cost", "currency", "priority", "status"));
    if (!body.has("unit_cost") && !body.has("priority") && !body.has("status")) {
      throw new BadRequest("nothing to change: give unit_cost, priority and/or status");
    }
    Optional<UnitPrice> cost = Optional.empty();
    if (body.has("unit_cost")) {
      // a new cost keeps the link's currency unless the body names one
      Currency currency =
          body.optionalCurrency("currency").orElseGet(() -> currentCurrency(resource, supplier));
      cost = body.optionalUnitPrice("unit_cost", currency);
    } else if (body.has("currency")) {
      throw new BadRequest("currency is the currency of unit_cost; send it with unit_cost");
    }
    Optional<Integer> priority = body.optionalInt("priority");
    Optional<LinkStatus> status = body.optionalValue("status", LinkStatus::fromCode);
    Optional<UnitPrice> newCost = cost;
    SupplierLink changed =
        products.updateSupplierLink(
            Commands.build(
                () -> new UpdateSupplierLink(resource, supplier, newCost, priority, status)));
    ctx.json(SupplierLinkView.of(changed));
  }

  private void unlink(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ProductResourceId resource = resourceId(ctx);
    OrgId supplier = Params.path(ctx, "org_id", OrgId::of);
    products.unlinkSupplier(resource, supplier);
    ctx.status(204);
  }

  /** The currency of the link's cost now; CNY when there is no such link (core then says so). */
  private Currency currentCurrency(ProductResourceId resource, OrgId supplier) {
    return products.supplierLinks(resource).stream()
        .filter(link -> link.supplierOrgId().equals(supplier))
        .findFirst()
        .map(link -> link.unitCost().currency())
        .orElse(Currency.CNY);
  }

  private static ProductId productId(Context ctx) {
    return Params.path(ctx, "product_id", ProductId::of);
  }

  private static ProductResourceId resourceId(Context ctx) {
    return Params.path(ctx, "resource_id", ProductResourceId::of);
  }
}
