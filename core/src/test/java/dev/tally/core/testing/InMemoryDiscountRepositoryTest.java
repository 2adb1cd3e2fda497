package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.DiscountRepositoryContract;

/** The {@link DiscountRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryDiscountRepositoryTest extends DiscountRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
