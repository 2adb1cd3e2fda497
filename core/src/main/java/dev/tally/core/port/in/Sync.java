package dev.tally.core.port.in;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncState;
import java.util.List;
import java.util.Optional;

/** Syncing the upstream catalogues and reading the local caches. Thread-safe. */
public interface Sync {
  /**
   * Pulls every page after the stored cursor and stores each in one unit of work, retrying failed
   * calls with backoff; answers {@code busy} at once when another server holds the entity's lease
   * (or this server already runs a sync of it). A failure of upstream is an outcome ({@code
   * failed}, also recorded in the entity's state), not an exception; anything else (a storage
   * failure, a bug) is recorded likewise and rethrown. The lease is released in every case.
   */
  SyncReport run(SyncEntity entity);

  /** The state of every entity, never-synced ones included, in {@link SyncEntity} order. */
  List<SyncState> states();

  /**
   * A cached user, uapi or LLM model.
   *
   * @throws dev.tally.core.error.TallyException {@code validation_failed} for pricing, whose
   *     programmes are read through {@link Pricing}
   */
  Optional<CatalogEntry> entry(SyncEntity entity, String id);

  /**
   * Cached entries of users, uapi or llmage by id; of one org when asked (users only).
   *
   * @throws dev.tally.core.error.TallyException {@code validation_failed} for pricing, or for an
   *     org filter on another entity than users
   */
  Page<CatalogEntry> entries(SyncEntity entity, Optional<OrgId> orgId, PageRequest page);
}
