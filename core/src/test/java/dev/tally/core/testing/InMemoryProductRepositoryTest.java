package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.ProductRepositoryContract;

/** The {@link ProductRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryProductRepositoryTest extends ProductRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
