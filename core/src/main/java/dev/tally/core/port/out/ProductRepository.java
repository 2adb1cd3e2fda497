package dev.tally.core.port.out;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import java.util.Optional;

/** Stores {@link Product}s ({@code product}). */
public interface ProductRepository {
  void insert(Product product);

  void update(Product product);

  Optional<Product> find(ProductId id);

  /** Matching products, oldest first. */
  Page<Product> list(ProductQuery query, PageRequest page);
}
