package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.PricingRepositoryContract;

/** The {@link PricingRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryPricingRepositoryTest extends PricingRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
