package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** A 4-decimal database upgraded to 6 decimals on Postgresql. */
class PostgresqlFourDecimalUpgradeTest extends FourDecimalUpgradeScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }
}
