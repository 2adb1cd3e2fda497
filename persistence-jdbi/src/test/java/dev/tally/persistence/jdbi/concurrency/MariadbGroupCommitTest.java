package dev.tally.persistence.jdbi.concurrency;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** The group commit scenarios on Mariadb. */
class MariadbGroupCommitTest extends GroupCommitScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }
}
