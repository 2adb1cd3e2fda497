package dev.tally.core.port.out;

import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ResourceType;
import java.util.List;
import java.util.Optional;

/** Stores resource bindings ({@code product_resource}), active and unbound. */
public interface ResourceRepository {
  void insert(ProductResource resource);

  void update(ProductResource resource);

  Optional<ProductResource> find(ProductResourceId id);

  /** The binding of (product, type, ref), whatever its status. */
  Optional<ProductResource> findByKey(ProductId productId, ResourceType type, String resourceRefId);

  /** Every binding of a product, whatever its status, oldest first. */
  List<ProductResource> findByProduct(ProductId productId);
}
