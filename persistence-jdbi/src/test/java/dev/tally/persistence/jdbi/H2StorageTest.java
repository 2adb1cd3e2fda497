package dev.tally.persistence.jdbi;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** Core's port contracts on H2. */
class H2StorageTest extends StorageContracts {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
