package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.LedgerRepositoryContract;

/** The {@link LedgerRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemoryLedgerRepositoryTest extends LedgerRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
