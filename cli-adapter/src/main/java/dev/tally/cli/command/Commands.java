package dev.tally.cli.command;

import dev.tally.bootstrap.MigrationMode;
import dev.tally.bootstrap.TallyConfig;

/** Small adjustments of the configuration that one-shot commands make. */
final class Commands {
  private Commands() {}

  /** The configuration with the schema migrated on open, whatever the file says. */
  static TallyConfig migrating(TallyConfig config) {
    return config.withDatabase(config.database().withMigration(MigrationMode.MIGRATE));
  }
}
