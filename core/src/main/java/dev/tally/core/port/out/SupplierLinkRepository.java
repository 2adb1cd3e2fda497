package dev.tally.core.port.out;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.SupplierLink;
import java.util.List;
import java.util.Optional;

/** Stores which suppliers serve a bound resource ({@code product_resource_supplier}). */
public interface SupplierLinkRepository {
  void insert(SupplierLink link);

  void update(SupplierLink link);

  /** Removes a link; returns false when there was none. */
  boolean delete(ProductResourceId resourceId, OrgId supplierOrgId);

  Optional<SupplierLink> find(ProductResourceId resourceId, OrgId supplierOrgId);

  /** Every link of a resource, whatever its status, by priority then supplier. */
  List<SupplierLink> findByResource(ProductResourceId resourceId);
}
