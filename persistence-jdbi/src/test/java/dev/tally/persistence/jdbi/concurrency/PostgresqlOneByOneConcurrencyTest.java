package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.service.GroupCommitSettings;

/** The concurrency scenarios on Postgresql, each use in its own unit of work (group commit off). */
class PostgresqlOneByOneConcurrencyTest extends PostgresqlConcurrencyTest {
  @Override
  GroupCommitSettings groupCommit() {
    return GroupCommitSettings.OFF;
  }
}
