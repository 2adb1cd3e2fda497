package dev.tally.persistence.jdbi;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** Core's port contracts on Postgresql. */
class PostgresqlStorageTest extends StorageContracts {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }
}
