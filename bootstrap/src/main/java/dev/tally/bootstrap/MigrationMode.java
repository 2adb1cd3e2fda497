package dev.tally.bootstrap;

/** What Tally does with the database schema when it opens. */
public enum MigrationMode {
  /** Bring the schema to the latest version (the default). */
  MIGRATE,
  /** Only check that the schema is at the latest version; fail otherwise. */
  VALIDATE
}
