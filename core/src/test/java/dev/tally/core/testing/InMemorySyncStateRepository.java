package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.port.out.SyncStateRepository;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncState;
import java.util.Comparator;
import java.util.List;

/**
 * The sync state of each entity in memory. A lock needs no locking of its own: the {@link
 * InMemoryStore} runs one unit of work at a time. Not thread-safe: used under the store's lock.
 */
final class InMemorySyncStateRepository implements SyncStateRepository {
  private final Table<SyncEntity, SyncState> states;

  InMemorySyncStateRepository(InMemoryStore store) {
    this.states = new Table<>(store, "sync state", Comparator.naturalOrder());
  }

  @Override
  public SyncState lock(SyncEntity entity) {
    checkNotNull(entity, "entity");
    return states
        .find(entity)
        .orElseGet(
            () -> {
              SyncState initial = SyncState.initial(entity);
              states.insert(entity, initial);
              return initial;
            });
  }

  @Override
  public void save(SyncState state) {
    checkNotNull(state, "state");
    states.update(state.entity(), state);
  }

  @Override
  public List<SyncState> all() {
    return states.stream().toList();
  }
}
