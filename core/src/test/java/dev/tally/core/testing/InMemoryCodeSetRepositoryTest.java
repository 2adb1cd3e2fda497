package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.CodeSetRepositoryContract;

/** The {@link CodeSetRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryCodeSetRepositoryTest extends CodeSetRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
