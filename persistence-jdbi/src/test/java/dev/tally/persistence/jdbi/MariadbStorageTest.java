package dev.tally.persistence.jdbi;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** Core's port contracts on Mariadb. */
class MariadbStorageTest extends StorageContracts {
  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }
}
