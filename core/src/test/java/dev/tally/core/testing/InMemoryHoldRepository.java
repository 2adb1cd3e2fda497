package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.port.out.HoldRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Holds in memory, the open ones also indexed by expiry for the expiry sweep. Every unit of work of
 * the store is serialized, so {@link #lock} is a plain read. Not thread-safe: used under the {@link
 * InMemoryStore}'s lock.
 */
final class InMemoryHoldRepository implements HoldRepository {
  private final Table<HoldId, Hold> holds;
  private final Table<Expiry, Hold> heldByExpiry;

  InMemoryHoldRepository(InMemoryStore store) {
    this.holds = new Table<>(store, "hold");
    this.heldByExpiry =
        new Table<>(
            store,
            "open hold",
            Comparator.comparing(Expiry::expiresAt).thenComparing(expiry -> expiry.id().value()));
  }

  private record Expiry(Instant expiresAt, HoldId id) {
    static Expiry of(Hold hold) {
      return new Expiry(hold.expiresAt(), hold.id());
    }
  }

  @Override
  public void insert(Hold hold) {
    checkNotNull(hold, "hold");
    holds.insert(hold.id(), hold);
    if (hold.isHeld()) {
      heldByExpiry.insert(Expiry.of(hold), hold);
    }
  }

  @Override
  public void update(Hold hold) {
    checkNotNull(hold, "hold");
    Optional<Hold> current = holds.find(hold.id());
    checkState(current.isPresent(), "no hold to update: %s", hold.id());
    holds.update(hold.id(), hold);
    if (current.get().isHeld()) {
      heldByExpiry.delete(Expiry.of(current.get()));
    }
    if (hold.isHeld()) {
      heldByExpiry.put(Expiry.of(hold), hold);
    }
  }

  @Override
  public Optional<Hold> find(HoldId id) {
    return holds.find(id);
  }

  @Override
  public Optional<Hold> lock(HoldId id) {
    return holds.find(id);
  }

  @Override
  public List<Hold> findExpired(Instant now, int limit) {
    checkNotNull(now, "now");
    checkArgument(limit >= 0, "limit is negative: %s", limit);
    return heldByExpiry.stream()
        .takeWhile(hold -> !hold.expiresAt().isAfter(now))
        .limit(limit)
        .toList();
  }
}
