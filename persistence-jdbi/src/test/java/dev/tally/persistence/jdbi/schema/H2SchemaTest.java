package dev.tally.persistence.jdbi.schema;

import dev.tally.persistence.jdbi.testing.TestDatabase;

/** Migrations and the seed tables on H2. */
class H2SchemaTest extends SchemaScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
