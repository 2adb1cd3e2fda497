package dev.tally.core.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.PricingProgram;

/** One item of an upstream page: a new or changed item, or a tombstone. */
public sealed interface SyncChange {

  /** The id of the item changed. */
  String id();

  /** A user, uapi or llmage item to insert or replace. */
  record Upsert(CatalogEntry entry) implements SyncChange {
    public Upsert {
      checkNotNull(entry, "entry");
    }

    @Override
    public String id() {
      return entry.id();
    }
  }

  /** A pricing programme to insert or replace. */
  record UpsertProgram(PricingProgram program) implements SyncChange {
    public UpsertProgram {
      checkNotNull(program, "program");
    }

    @Override
    public String id() {
      return program.id().value();
    }
  }

  /** An item upstream deleted ({@code deleted: true}). */
  record Tombstone(String id) implements SyncChange {
    public Tombstone {
      checkNotNull(id, "id");
      checkArgument(id.matches("[A-Za-z0-9_.:@-]{1,32}"), "tombstone id is malformed: '%s'", id);
    }
  }
}
