package dev.tally.persistence.jdbi.internal;

import dev.tally.core.port.out.SyncStateRepository;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncState;
import dev.tally.core.sync.SyncStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@code sync_state}: one row per entity, keyed by its code, holding the cursor, the outcome of the
 * last run and the lease. A lock is {@code SELECT ... FOR UPDATE}; the first lock of an entity
 * inserts its row, and a concurrent first lock then fails on the duplicate key, which the unit of
 * work retries (the retry finds the row and waits for its lock).
 */
final class JdbiSyncStateRepository implements SyncStateRepository {
  private static final String SELECT =
      "SELECT entity, cursor_value, status, last_error, attempts, items_synced, last_success_at,"
          + " last_attempt_at, lease_owner, lease_until FROM sync_state";

  private static final RowMapper<SyncState> MAPPER =
      (rs, ctx) ->
          new SyncState(
              SyncEntity.fromCode(rs.getString("entity")),
              Optional.ofNullable(rs.getString("cursor_value")),
              SyncStatus.fromCode(rs.getString("status")),
              Optional.ofNullable(rs.getString("last_error")),
              rs.getInt("attempts"),
              rs.getLong("items_synced"),
              Sql.optionalInstant(rs, "last_success_at"),
              Sql.optionalInstant(rs, "last_attempt_at"),
              Optional.ofNullable(rs.getString("lease_owner")),
              Sql.optionalInstant(rs, "lease_until"));

  private final Handle handle;

  JdbiSyncStateRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public SyncState lock(SyncEntity entity) {
    Optional<SyncState> stored =
        handle
            .createQuery(SELECT + " WHERE entity = :entity FOR UPDATE")
            .bind("entity", entity.code())
            .map(MAPPER)
            .findOne();
    if (stored.isPresent()) {
      return stored.get();
    }
    SyncState initial = SyncState.initial(entity);
    handle
        .createUpdate(
            """
            INSERT INTO sync_state (entity, status, attempts, items_synced)
            VALUES (:entity, :status, 0, 0)
            """)
        .bind("entity", entity.code())
        .bind("status", initial.status().code())
        .execute();
    return initial;
  }

  @Override
  public void save(SyncState state) {
    int updated =
        handle
            .createUpdate(
                """
                UPDATE sync_state SET cursor_value = :cursor, status = :status,
                  last_error = :last_error, attempts = :attempts, items_synced = :items_synced,
                  last_success_at = :last_success_at, last_attempt_at = :last_attempt_at,
                  lease_owner = :lease_owner, lease_until = :lease_until
                WHERE entity = :entity
                """)
            .bind("entity", state.entity().code())
            .bind("cursor", state.cursor().orElse(null))
            .bind("status", state.status().code())
            .bind("last_error", state.lastError().orElse(null))
            .bind("attempts", state.attempts())
            .bind("items_synced", state.itemsSynced())
            .bind("last_success_at", Sql.timestamp(state.lastSuccessAt()))
            .bind("last_attempt_at", Sql.timestamp(state.lastAttemptAt()))
            .bind("lease_owner", state.leaseOwner().orElse(null))
            .bind("lease_until", Sql.timestamp(state.leaseUntil()))
            .execute();
    Rows.requireUpdated(updated, "sync_state", state.entity().code());
  }

  /** Every row, in the order of the entities (not of their codes). */
  @Override
  public List<SyncState> all() {
    return handle.createQuery(SELECT).map(MAPPER).list().stream()
        .sorted(Comparator.comparing(SyncState::entity))
        .toList();
  }
}
