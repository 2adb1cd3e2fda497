package dev.tally.persistence.jdbi.concurrency;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** The concurrency scenarios on Mariadb, uses grouped (group commit on). */
class MariadbConcurrencyTest extends ServerConcurrencyScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }
}
