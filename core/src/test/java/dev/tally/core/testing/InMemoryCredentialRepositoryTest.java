package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.CredentialRepositoryContract;

class InMemoryCredentialRepositoryTest extends CredentialRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
