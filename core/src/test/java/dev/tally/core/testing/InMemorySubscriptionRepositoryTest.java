package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.SubscriptionRepositoryContract;

/** The {@link SubscriptionRepositoryContract} run against the {@link InMemoryStore}. */
final class InMemorySubscriptionRepositoryTest extends SubscriptionRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
