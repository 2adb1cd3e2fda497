package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** Migrations and the seed tables on Mariadb. */
class MariadbSchemaTest extends SchemaScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }
}
