package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** A ledger chained per account upgraded to chains per customer on H2. */
class H2ChainsPerCustomerUpgradeTest extends ChainsPerCustomerUpgradeScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
