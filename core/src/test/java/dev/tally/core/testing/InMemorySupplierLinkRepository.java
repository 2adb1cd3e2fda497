package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.port.out.SupplierLinkRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Supplier links in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemorySupplierLinkRepository implements SupplierLinkRepository {
  private static final Comparator<SupplierLink> BY_PRIORITY_THEN_SUPPLIER =
      Comparator.comparingInt(SupplierLink::priority)
          .thenComparing(link -> link.supplierOrgId().value());

  private final Table<Key, SupplierLink> links;

  InMemorySupplierLinkRepository(InMemoryStore store) {
    this.links = new Table<>(store, "supplier link");
  }

  /** The primary key of a link. */
  private record Key(ProductResourceId resourceId, OrgId supplierOrgId) {
    static Key of(SupplierLink link) {
      return new Key(link.resourceId(), link.supplierOrgId());
    }
  }

  @Override
  public void insert(SupplierLink link) {
    checkNotNull(link, "link");
    links.insert(Key.of(link), link);
  }

  @Override
  public void update(SupplierLink link) {
    checkNotNull(link, "link");
    links.update(Key.of(link), link);
  }

  @Override
  public boolean delete(ProductResourceId resourceId, OrgId supplierOrgId) {
    return links.delete(new Key(resourceId, supplierOrgId));
  }

  @Override
  public Optional<SupplierLink> find(ProductResourceId resourceId, OrgId supplierOrgId) {
    return links.find(new Key(resourceId, supplierOrgId));
  }

  @Override
  public List<SupplierLink> findByResource(ProductResourceId resourceId) {
    checkNotNull(resourceId, "resource id");
    return links.stream()
        .filter(link -> link.resourceId().equals(resourceId))
        .sorted(BY_PRIORITY_THEN_SUPPLIER)
        .toList();
  }
}
