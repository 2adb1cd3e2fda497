package dev.tally.persistence.jdbi.concurrency;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** The concurrency scenarios on H2, uses grouped (group commit on). */
class H2ConcurrencyTest extends ConcurrencyScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
