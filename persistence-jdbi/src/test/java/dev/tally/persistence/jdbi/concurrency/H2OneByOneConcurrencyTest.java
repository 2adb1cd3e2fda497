package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.service.GroupCommitSettings;

/** The concurrency scenarios on H2, each use in its own unit of work (group commit off). */
class H2OneByOneConcurrencyTest extends H2ConcurrencyTest {
  @Override
  GroupCommitSettings groupCommit() {
    return GroupCommitSettings.OFF;
  }
}
