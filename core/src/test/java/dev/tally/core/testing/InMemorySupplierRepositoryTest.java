package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.SupplierRepositoryContract;

/** The {@link SupplierRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemorySupplierRepositoryTest extends SupplierRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
