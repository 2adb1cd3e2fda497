package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.UnitOfWorkContract;

/** The {@link UnitOfWorkContract} run against the {@link InMemoryStore}. */
final class InMemoryUnitOfWorkTest extends UnitOfWorkContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
