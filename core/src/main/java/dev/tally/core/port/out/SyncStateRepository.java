package dev.tally.core.port.out;

import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncState;
import java.util.List;

/** The per-entity sync state and lease ({@code sync_state}). */
public interface SyncStateRepository {
  /**
   * Reads the entity's state and holds it until the unit of work ends, creating the initial state
   * first when there is none.
   */
  SyncState lock(SyncEntity entity);

  void save(SyncState state);

  /** The state of every entity that has one, by entity. */
  List<SyncState> all();
}
