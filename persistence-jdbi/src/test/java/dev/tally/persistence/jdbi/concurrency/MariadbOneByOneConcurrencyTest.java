package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.service.GroupCommitSettings;

/** The concurrency scenarios on Mariadb, each use in its own unit of work (group commit off). */
class MariadbOneByOneConcurrencyTest extends MariadbConcurrencyTest {
  @Override
  GroupCommitSettings groupCommit() {
    return GroupCommitSettings.OFF;
  }
}
