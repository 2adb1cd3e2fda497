package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.HoldRepositoryContract;

/** The {@link HoldRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryHoldRepositoryTest extends HoldRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
