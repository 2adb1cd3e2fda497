package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.SyncStateRepositoryContract;

class InMemorySyncStateRepositoryTest extends SyncStateRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
