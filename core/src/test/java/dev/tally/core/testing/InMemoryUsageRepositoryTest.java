package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.UsageRepositoryContract;

/** The {@link UsageRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryUsageRepositoryTest extends UsageRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
