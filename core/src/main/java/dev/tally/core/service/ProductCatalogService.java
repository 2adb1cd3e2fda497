package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Products;
import dev.tally.core.port.in.UpdateSupplierLink;
import dev.tally.core.port.out.Repositories;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalogue use cases: products, suppliers, resource bindings and supplier links. Every change
 * clears the {@link CatalogueCache} the use path reads.
 */
final class ProductCatalogService implements Products {
  private final Environment env;

  private final CatalogueCache catalogue;

  ProductCatalogService(Environment env, CatalogueCache catalogue) {
    this.env = env;
    this.catalogue = catalogue;
  }

  /** Runs a change to the catalogue, then clears what uses keep of it in memory. */
  private <T> T changing(Function<Repositories, T> change) {
    try {
      return env.unitOfWork().inTransaction(change);
    } finally {
      // also when the commit failed: whether it happened is then unknown
      catalogue.invalidateAll();
    }
  }

  @Override
  public Product createProduct(CreateProduct command) {
    return changing(
            repos -> {
              Product product =
                  new Product(
                      ProductId.of(env.newId()), command.name(), command.ownerOrgId(),
                      command.description(), command.status(), env.now());
              repos.products().insert(product);
              return product;
            });
  }

  @Override
  public Product product(ProductId id) {
    return env.unitOfWork().inTransaction(repos -> Lookups.product(repos, id));
  }

  @Override
  public Page<Product> products(ProductQuery query, PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.products().list(query, page));
  }

  @Override
  public Product setProductStatus(ProductId id, ProductStatus status) {
    return changing(
            repos -> {
              Product changed = Lookups.product(repos, id).withStatus(status);
              repos.products().update(changed);
              return changed;
            });
  }

  @Override
  public Supplier createSupplier(CreateSupplier command) {
    return changing(
            repos -> {
              if (repos.suppliers().find(command.orgId()).isPresent()) {
                throw TallyException.of(
                    ErrorCode.ALREADY_EXISTS, "supplier %s exists already", command.orgId());
              }
              Supplier supplier =
                  new Supplier(command.orgId(), command.name(), SupplierStatus.ACTIVE, env.now());
              repos.suppliers().insert(supplier);
              return supplier;
            });
  }

  @Override
  public Supplier supplier(OrgId orgId) {
    return env.unitOfWork().inTransaction(repos -> Lookups.supplier(repos, orgId));
  }

  @Override
  public Page<Supplier> suppliers(PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.suppliers().list(page));
  }

  @Override
  public Supplier setSupplierStatus(OrgId orgId, SupplierStatus status) {
    return changing(
            repos -> {
              Supplier changed = Lookups.supplier(repos, orgId).withStatus(status);
              repos.suppliers().update(changed);
              return changed;
            });
  }

  @Override
  public ProductResource bind(BindResource command) {
    return changing(
            repos -> {
              Lookups.product(repos, command.productId());
              command
                  .pricingProgramId()
                  .ifPresent(
                      id -> {
                        if (repos.pricing().find(id).isEmpty()) {
                          throw TallyException.of(
                              ErrorCode.NOT_FOUND,
                              "pricing program %s is not in the local cache; sync pricing first",
                              id);
                        }
                      });
              Optional<ProductResource> existing =
                  repos
                      .resources()
                      .findByKey(
                          command.productId(), command.resourceType(), command.resourceRefId());
              if (existing.isPresent() && existing.get().isActive()) {
                throw TallyException.of(
                    ErrorCode.ALREADY_EXISTS,
                    "product %s already binds %s %s (resource %s)",
                    command.productId(),
                    command.resourceType().code(),
                    command.resourceRefId(),
                    existing.get().id());
              }
              if (existing.isPresent()) {
                ProductResource rebound =
                    terms(command, existing.get().id(), existing.get().createdAt());
                repos.resources().update(rebound);
                return rebound;
              }
              ProductResource bound =
                  terms(command, ProductResourceId.of(env.newId()), env.now());
              repos.resources().insert(bound);
              return bound;
            });
  }

  private static ProductResource terms(
      BindResource command, ProductResourceId id, Instant createdAt) {
    return new ProductResource(
        id,
        command.productId(),
        command.resourceType(),
        command.resourceRefId(),
        command.billingMode(),
        command.usedUnit(),
        command.unitPrice(),
        command.pricingProgramId(),
        command.minBalance(),
        ResourceStatus.ACTIVE,
        createdAt);
  }

  @Override
  public ProductResource unbind(ProductId productId, ProductResourceId resourceId, boolean force) {
    return changing(
            repos -> {
              ProductResource resource = Lookups.resource(repos, resourceId);
              if (!resource.productId().equals(productId)) {
                throw TallyException.notFound(
                    "resource " + resourceId + " of product", productId);
              }
              if (!resource.isActive()) {
                return resource;
              }
              long otherActive =
                  repos.resources().findByProduct(productId).stream()
                      .filter(ProductResource::isActive)
                      .filter(other -> !other.id().equals(resourceId))
                      .count();
              long current = repos.subscriptions().countCurrent(productId);
              if (otherActive == 0 && current > 0 && !force) {
                throw TallyException.of(
                    ErrorCode.RESOURCE_IN_USE,
                    "resource %s is the only resource of product %s, which has %s current"
                        + " subscription(s); unbind with force to leave them without a resource",
                    resourceId,
                    productId,
                    current);
              }
              ProductResource unbound = resource.withStatus(ResourceStatus.UNBOUND);
              repos.resources().update(unbound);
              return unbound;
            });
  }

  @Override
  public ProductResource resource(ProductResourceId id) {
    return env.unitOfWork().inTransaction(repos -> Lookups.resource(repos, id));
  }

  @Override
  public List<ProductResource> resources(ProductId productId) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Lookups.product(repos, productId);
              return repos.resources().findByProduct(productId);
            });
  }

  @Override
  public SupplierLink linkSupplier(LinkSupplier command) {
    return changing(
            repos -> {
              Lookups.resource(repos, command.resourceId());
              Lookups.supplier(repos, command.supplierOrgId());
              if (repos
                  .supplierLinks()
                  .find(command.resourceId(), command.supplierOrgId())
                  .isPresent()) {
                throw TallyException.of(
                    ErrorCode.ALREADY_EXISTS,
                    "supplier %s already serves resource %s",
                    command.supplierOrgId(),
                    command.resourceId());
              }
              SupplierLink link =
                  new SupplierLink(
                      command.resourceId(), command.supplierOrgId(), command.unitCost(),
                      command.priority(), LinkStatus.ACTIVE, env.now());
              repos.supplierLinks().insert(link);
              return link;
            });
  }

  @Override
  public SupplierLink updateSupplierLink(UpdateSupplierLink command) {
    return changing(
            repos -> {
              SupplierLink link = link(repos, command.resourceId(), command.supplierOrgId());
              SupplierLink changed =
                  link.with(
                      command.unitCost().orElse(link.unitCost()),
                      command.priority().orElse(link.priority()),
                      command.status().orElse(link.status()));
              repos.supplierLinks().update(changed);
              return changed;
            });
  }

  @Override
  public void unlinkSupplier(ProductResourceId resourceId, OrgId supplierOrgId) {
    changing(
            repos -> {
              if (!repos.supplierLinks().delete(resourceId, supplierOrgId)) {
                throw linkNotFound(resourceId, supplierOrgId);
              }
              return null;
            });
  }

  @Override
  public List<SupplierLink> supplierLinks(ProductResourceId resourceId) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Lookups.resource(repos, resourceId);
              return repos.supplierLinks().findByResource(resourceId);
            });
  }

  private static SupplierLink link(Repositories repos, ProductResourceId resourceId, OrgId org) {
    return repos
        .supplierLinks()
        .find(resourceId, org)
        .orElseThrow(() -> linkNotFound(resourceId, org));
  }

  private static TallyException linkNotFound(ProductResourceId resourceId, OrgId org) {
    return TallyException.of(
        ErrorCode.NOT_FOUND, "supplier %s does not serve resource %s", org, resourceId);
  }
}
