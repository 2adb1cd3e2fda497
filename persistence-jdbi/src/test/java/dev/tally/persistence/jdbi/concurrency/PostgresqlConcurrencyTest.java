package dev.tally.persistence.jdbi.concurrency;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** The concurrency scenarios on Postgresql, uses grouped (group commit on). */
class PostgresqlConcurrencyTest extends ServerConcurrencyScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }
}
