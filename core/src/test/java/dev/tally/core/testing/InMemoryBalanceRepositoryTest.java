package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.BalanceRepositoryContract;

/** The {@link BalanceRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryBalanceRepositoryTest extends BalanceRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
