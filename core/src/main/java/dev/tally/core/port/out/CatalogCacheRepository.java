package dev.tally.core.port.out;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import java.util.Optional;

/** The cache tables of users, uapi and llmage ({@code users_cache}, ...). */
public interface CatalogCacheRepository {
  /** Inserts or replaces an entry. */
  void save(CatalogEntry entry);

  /** Removes an entry; returns false when there was none. */
  boolean delete(SyncEntity entity, String id);

  Optional<CatalogEntry> find(SyncEntity entity, String id);

  /** Entries of an entity (of one org, for users, when asked), by id. */
  Page<CatalogEntry> list(SyncEntity entity, Optional<OrgId> orgId, PageRequest page);
}
