package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.port.out.ProductRepository;
import java.util.Comparator;
import java.util.Optional;

/** Products in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemoryProductRepository implements ProductRepository {
  private static final Comparator<Product> OLDEST_FIRST =
      Comparator.comparing(Product::createdAt).thenComparing(product -> product.id().value());

  private final Table<ProductId, Product> products;

  InMemoryProductRepository(InMemoryStore store) {
    this.products = new Table<>(store, "product");
  }

  @Override
  public void insert(Product product) {
    checkNotNull(product, "product");
    products.insert(product.id(), product);
  }

  @Override
  public void update(Product product) {
    checkNotNull(product, "product");
    products.update(product.id(), product);
  }

  @Override
  public Optional<Product> find(ProductId id) {
    return products.find(id);
  }

  @Override
  public Page<Product> list(ProductQuery query, PageRequest page) {
    checkNotNull(query, "query");
    return Pages.of(
        products.stream()
            .filter(product -> query.ownerOrgId().map(product.ownerOrgId()::equals).orElse(true))
            .filter(product -> query.status().map(product.status()::equals).orElse(true))
            .sorted(OLDEST_FIRST)
            .toList(),
        page);
  }
}
