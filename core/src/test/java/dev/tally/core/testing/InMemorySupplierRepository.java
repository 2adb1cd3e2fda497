package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Supplier;
import dev.tally.core.port.out.SupplierRepository;
import java.util.Comparator;
import java.util.Optional;

/** Suppliers in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemorySupplierRepository implements SupplierRepository {
  private final Table<OrgId, Supplier> suppliers;

  InMemorySupplierRepository(InMemoryStore store) {
    this.suppliers = new Table<>(store, "supplier", Comparator.comparing(OrgId::value));
  }

  @Override
  public void insert(Supplier supplier) {
    checkNotNull(supplier, "supplier");
    suppliers.insert(supplier.orgId(), supplier);
  }

  @Override
  public void update(Supplier supplier) {
    checkNotNull(supplier, "supplier");
    suppliers.update(supplier.orgId(), supplier);
  }

  @Override
  public Optional<Supplier> find(OrgId orgId) {
    return suppliers.find(orgId);
  }

  @Override
  public Page<Supplier> list(PageRequest page) {
    return Pages.of(suppliers.stream().toList(), page);
  }
}
