package dev.tally.core.port.in;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.SupplierStatus;
import java.util.List;

/**
 * The catalogue: products, suppliers, resource bindings and supplier links. Thread-safe; every
 * method is one unit of work.
 */
public interface Products {
  Product createProduct(CreateProduct command);

  Product product(ProductId id);

  Page<Product> products(ProductQuery query, PageRequest page);

  /** Publishes, retires or returns a product to draft. */
  Product setProductStatus(ProductId id, ProductStatus status);

  Supplier createSupplier(CreateSupplier command);

  Supplier supplier(OrgId orgId);

  Page<Supplier> suppliers(PageRequest page);

  Supplier setSupplierStatus(OrgId orgId, SupplierStatus status);

  /**
   * Binds a resource into a product. Binding a resource that was unbound from the product
   * reactivates it with the new terms; binding one that is bound is refused ({@code
   * already_exists}).
   */
  ProductResource bind(BindResource command);

  /**
   * Unbinds a resource. Refused ({@code resource_in_use}) when it is the product's last active
   * resource and the product has current subscriptions, unless {@code force}. Usage history is
   * kept.
   */
  ProductResource unbind(ProductId productId, ProductResourceId resourceId, boolean force);

  ProductResource resource(ProductResourceId id);

  /** Every binding of the product, active and unbound. */
  List<ProductResource> resources(ProductId productId);

  SupplierLink linkSupplier(LinkSupplier command);

  SupplierLink updateSupplierLink(UpdateSupplierLink command);

  void unlinkSupplier(ProductResourceId resourceId, OrgId supplierOrgId);

  List<SupplierLink> supplierLinks(ProductResourceId resourceId);
}
