package dev.tally.core.testing;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.CatalogCacheRepositoryContract;

class InMemoryCatalogCacheRepositoryTest extends CatalogCacheRepositoryContract {
  @Override
  protected UnitOfWork unitOfWork() {
    return new InMemoryStore();
  }
}
