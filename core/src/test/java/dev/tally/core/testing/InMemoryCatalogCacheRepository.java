package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.CatalogCacheRepository;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import java.util.Comparator;
import java.util.Optional;

/**
 * The catalogue caches (users, uapi, llmage) in memory, one table keyed by entity and id. Not
 * thread-safe: used under the {@link InMemoryStore}'s lock.
 */
final class InMemoryCatalogCacheRepository implements CatalogCacheRepository {
  /** The primary key of a cache row: the table (entity) and the id within it. */
  private record Key(SyncEntity entity, String id) {}

  private final Table<Key, CatalogEntry> entries;

  InMemoryCatalogCacheRepository(InMemoryStore store) {
    this.entries =
        new Table<>(
            store,
            "catalog entry",
            Comparator.comparing(Key::entity).thenComparing(Key::id));
  }

  @Override
  public void save(CatalogEntry entry) {
    checkNotNull(entry, "entry");
    entries.put(new Key(entry.entity(), entry.id()), entry);
  }

  @Override
  public boolean delete(SyncEntity entity, String id) {
    return entries.delete(new Key(requireCatalog(entity), checkNotNull(id, "id")));
  }

  @Override
  public Optional<CatalogEntry> find(SyncEntity entity, String id) {
    return entries.find(new Key(requireCatalog(entity), checkNotNull(id, "id")));
  }

  @Override
  public Page<CatalogEntry> list(SyncEntity entity, Optional<OrgId> orgId, PageRequest page) {
    requireCatalog(entity);
    checkNotNull(orgId, "org id");
    checkArgument(
        orgId.isEmpty() || entity == SyncEntity.USERS, "only users have an org, not %s", entity);
    return Pages.of(
        entries.stream()
            .filter(entry -> entry.entity() == entity)
            .filter(entry -> orgId.isEmpty() || entry.orgId().equals(orgId))
            .toList(),
        page);
  }

  private static SyncEntity requireCatalog(SyncEntity entity) {
    checkNotNull(entity, "entity");
    checkArgument(entity != SyncEntity.PRICING, "pricing programmes are not catalogue entries");
    return entity;
  }
}
