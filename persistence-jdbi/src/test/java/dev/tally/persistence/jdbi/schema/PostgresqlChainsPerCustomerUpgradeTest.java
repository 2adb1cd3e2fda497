package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** A ledger chained per account upgraded to chains per customer on Postgresql. */
class PostgresqlChainsPerCustomerUpgradeTest extends ChainsPerCustomerUpgradeScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }
}
