package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.SupplierLinkRepositoryContract;

/** The {@link SupplierLinkRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemorySupplierLinkRepositoryTest extends SupplierLinkRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
