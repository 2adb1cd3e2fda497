package dev.tally.persistence.jdbi;

import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.contract.BalanceRepositoryContract;
import dev.tally.core.testing.contract.CatalogCacheRepositoryContract;
import dev.tally.core.testing.contract.CodeSetRepositoryContract;
import dev.tally.core.testing.contract.CredentialRepositoryContract;
import dev.tally.core.testing.contract.DiscountRepositoryContract;
import dev.tally.core.testing.contract.HoldRepositoryContract;
import dev.tally.core.testing.contract.LedgerRepositoryContract;
import dev.tally.core.testing.contract.PricingRepositoryContract;
import dev.tally.core.testing.contract.ProductRepositoryContract;
import dev.tally.core.testing.contract.ResourceRepositoryContract;
import dev.tally.core.testing.contract.SubscriptionRepositoryContract;
import dev.tally.core.testing.contract.SupplierLinkRepositoryContract;
import dev.tally.core.testing.contract.SupplierRepositoryContract;
import dev.tally.core.testing.contract.SyncLeaseContract;
import dev.tally.core.testing.contract.SyncStateRepositoryContract;
import dev.tally.core.testing.contract.UnitOfWorkContract;
import dev.tally.core.testing.contract.UsageRepositoryContract;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.Nested;

/**
 * Core's port contracts, run against the JDBI adapters on one database. Each test starts on
 * emptied tables.
 */
abstract class StorageContracts {

  abstract TestDatabase database();

  UnitOfWork emptyUnitOfWork() {
    return database().emptyStorage().unitOfWork();
  }

  @Nested
  class UnitOfWorkTest extends UnitOfWorkContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Products extends ProductRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class CodeSets extends CodeSetRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Suppliers extends SupplierRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Resources extends ResourceRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class SupplierLinks extends SupplierLinkRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Subscriptions extends SubscriptionRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Usage extends UsageRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Balances extends BalanceRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Holds extends HoldRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Ledger extends LedgerRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Credentials extends CredentialRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Pricing extends PricingRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class Discounts extends DiscountRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class CatalogCaches extends CatalogCacheRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class SyncStates extends SyncStateRepositoryContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }

  @Nested
  class SyncLeases extends SyncLeaseContract {
    @Override
    protected UnitOfWork unitOfWork() {
      return emptyUnitOfWork();
    }
  }
}
