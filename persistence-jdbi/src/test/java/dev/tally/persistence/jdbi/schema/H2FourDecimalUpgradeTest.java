package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** A 4-decimal database upgraded to 6 decimals on H2. */
class H2FourDecimalUpgradeTest extends FourDecimalUpgradeScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
