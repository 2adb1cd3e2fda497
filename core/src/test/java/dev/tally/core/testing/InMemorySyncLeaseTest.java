package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.SyncLeaseContract;

class InMemorySyncLeaseTest extends SyncLeaseContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
