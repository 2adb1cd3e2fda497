package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.ResourceRepositoryContract;

/** The {@link ResourceRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryResourceRepositoryTest extends ResourceRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
