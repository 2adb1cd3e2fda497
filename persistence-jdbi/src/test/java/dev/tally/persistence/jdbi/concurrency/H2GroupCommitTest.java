package dev.tally.persistence.jdbi.concurrency;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** The group commit scenarios on H2. */
class H2GroupCommitTest extends GroupCommitScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
