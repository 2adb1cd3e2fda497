package dev.tally.core.port.out;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Supplier;
import java.util.Optional;

/** Stores {@link Supplier}s ({@code supplier}). */
public interface SupplierRepository {
  void insert(Supplier supplier);

  void update(Supplier supplier);

  Optional<Supplier> find(OrgId orgId);

  /** All suppliers, by org id. */
  Page<Supplier> list(PageRequest page);
}
