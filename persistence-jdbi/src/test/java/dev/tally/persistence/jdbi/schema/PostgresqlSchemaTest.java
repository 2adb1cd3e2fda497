package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** Migrations and the seed tables on Postgresql. */
class PostgresqlSchemaTest extends SchemaScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }
}
