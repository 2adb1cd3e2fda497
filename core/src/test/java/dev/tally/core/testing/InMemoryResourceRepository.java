package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ResourceType;
import dev.tally.core.port.out.ResourceRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Resource bindings in memory, with the unique key (product, type, ref) as an index. Not
 * thread-safe: used under the {@link InMemoryStore}'s lock.
 */
final class InMemoryResourceRepository implements ResourceRepository {
  private static final Comparator<ProductResource> OLDEST_FIRST =
      Comparator.comparing(ProductResource::createdAt)
          .thenComparing(resource -> resource.id().value());

  private final Table<ProductResourceId, ProductResource> resources;
  private final Table<Key, ProductResourceId> byKey;

  InMemoryResourceRepository(InMemoryStore store) {
    this.resources = new Table<>(store, "product resource");
    this.byKey = new Table<>(store, "resource binding");
  }

  /** The unique key of a binding. */
  private record Key(ProductId productId, ResourceType type, String resourceRefId) {
    static Key of(ProductResource resource) {
      return new Key(resource.productId(), resource.resourceType(), resource.resourceRefId());
    }
  }

  @Override
  public void insert(ProductResource resource) {
    checkNotNull(resource, "resource");
    Key key = Key.of(resource);
    checkState(!resources.contains(resource.id()), "duplicate product resource: %s", resource.id());
    checkState(!byKey.contains(key), "resource already bound to its product: %s", key);
    resources.insert(resource.id(), resource);
    byKey.insert(key, resource.id());
  }

  @Override
  public void update(ProductResource resource) {
    checkNotNull(resource, "resource");
    Optional<ProductResource> current = resources.find(resource.id());
    checkState(current.isPresent(), "no product resource to update: %s", resource.id());
    Key before = Key.of(current.get());
    Key after = Key.of(resource);
    if (!after.equals(before)) {
      checkState(!byKey.contains(after), "resource already bound to its product: %s", after);
      byKey.delete(before);
      byKey.insert(after, resource.id());
    }
    resources.update(resource.id(), resource);
  }

  @Override
  public Optional<ProductResource> find(ProductResourceId id) {
    return resources.find(id);
  }

  @Override
  public Optional<ProductResource> findByKey(
      ProductId productId, ResourceType type, String resourceRefId) {
    return byKey.find(new Key(productId, type, resourceRefId)).flatMap(resources::find);
  }

  @Override
  public List<ProductResource> findByProduct(ProductId productId) {
    checkNotNull(productId, "product id");
    return resources.stream()
        .filter(resource -> resource.productId().equals(productId))
        .sorted(OLDEST_FIRST)
        .toList();
  }
}
