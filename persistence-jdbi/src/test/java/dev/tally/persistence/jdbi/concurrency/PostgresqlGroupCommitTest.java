package dev.tally.persistence.jdbi.concurrency;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** The group commit scenarios on Postgresql. */
class PostgresqlGroupCommitTest extends GroupCommitScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }
}
