package dev.tally.persistence.jdbi.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.CatalogCacheRepository;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The catalogue caches, one table per entity: {@code users_cache} (with {@code org_id} and {@code
 * user_name}), {@code uapi_cache} and {@code llmage_cache} (with {@code name}); the upstream item
 * as JSON text in {@code data}.
 */
final class JdbiCatalogCacheRepository implements CatalogCacheRepository {
  /** Where an entity's entries live. */
  private enum CacheTable {
    USERS("users_cache", "user_name", true),
    UAPI("uapi_cache", "name", false),
    LLMAGE("llmage_cache", "name", false);

    private final String table;
    private final String nameColumn;
    private final boolean hasOrg;

    CacheTable(String table, String nameColumn, boolean hasOrg) {
      this.table = table;
      this.nameColumn = nameColumn;
      this.hasOrg = hasOrg;
    }

    static CacheTable of(SyncEntity entity) {
      return switch (entity) {
        case USERS -> USERS;
        case UAPI -> UAPI;
        case LLMAGE -> LLMAGE;
        case PRICING ->
            throw new IllegalArgumentException("pricing programmes are not catalogue entries");
      };
    }

    String select() {
      return "SELECT id, "
          + (hasOrg ? "org_id" : "NULL AS org_id")
          + ", "
          + nameColumn
          + " AS entry_name, data, version, cached_at";
    }

    RowMapper<CatalogEntry> mapper(SyncEntity entity) {
      return (rs, ctx) ->
          new CatalogEntry(
              entity,
              rs.getString("id"),
              rs.getLong("version"),
              Optional.ofNullable(rs.getString("entry_name")),
              Optional.ofNullable(rs.getString("org_id")).map(OrgId::of),
              rs.getString("data"),
              Sql.instant(rs, "cached_at"));
    }
  }

  private final Handle handle;

  JdbiCatalogCacheRepository(Handle handle) {
    this.handle = handle;
  }

  /** Updates the row or, when there is none, inserts it; a concurrent insert makes a retry. */
  @Override
  public void save(CatalogEntry entry) {
    CacheTable table = CacheTable.of(entry.entity());
    String org = table.hasOrg ? "org_id = :org_id, " : "";
    int updated =
        bind(
                handle.createUpdate(
                    "UPDATE "
                        + table.table
                        + " SET "
                        + org
                        + table.nameColumn
                        + " = :name, data = :data, version = :version, cached_at = :cached_at"
                        + " WHERE id = :id"),
                table,
                entry)
            .execute();
    if (updated == 0) {
      String orgColumn = table.hasOrg ? "org_id, " : "";
      String orgValue = table.hasOrg ? ":org_id, " : "";
      bind(
              handle.createUpdate(
                  "INSERT INTO "
                      + table.table
                      + " (id, "
                      + orgColumn
                      + table.nameColumn
                      + ", data, version, cached_at) VALUES (:id, "
                      + orgValue
                      + ":name, :data, :version, :cached_at)"),
              table,
              entry)
          .execute();
    }
  }

  private static Update bind(Update statement, CacheTable table, CatalogEntry entry) {
    if (table.hasOrg) {
      statement.bind("org_id", entry.orgId().map(OrgId::value).orElse(null));
    }
    return statement
        .bind("id", entry.id())
        .bind("name", entry.name().orElse(null))
        .bind("data", entry.json())
        .bind("version", entry.version())
        .bind("cached_at", Sql.timestamp(entry.cachedAt()));
  }

  @Override
  public boolean delete(SyncEntity entity, String id) {
    return handle
            .createUpdate("DELETE FROM " + CacheTable.of(entity).table + " WHERE id = :id")
            .bind("id", id)
            .execute()
        > 0;
  }

  @Override
  public Optional<CatalogEntry> find(SyncEntity entity, String id) {
    CacheTable table = CacheTable.of(entity);
    return handle
        .createQuery(table.select() + " FROM " + table.table + " WHERE id = :id")
        .bind("id", id)
        .map(table.mapper(entity))
        .findOne();
  }

  @Override
  public Page<CatalogEntry> list(SyncEntity entity, Optional<OrgId> orgId, PageRequest page) {
    CacheTable table = CacheTable.of(entity);
    checkArgument(orgId.isEmpty() || table.hasOrg, "only users have an org, not %s", entity);
    return Paging.page(
        handle,
        table.select(),
        table.table,
        new Conditions().equal("org_id", orgId.map(OrgId::value)),
        "id",
        page,
        table.mapper(entity));
  }
}
