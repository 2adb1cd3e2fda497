package dev.tally.core.port.out;

import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores holds ({@code balance_hold}). */
public interface HoldRepository {
  void insert(Hold hold);

  void update(Hold hold);

  Optional<Hold> find(HoldId id);

  /** Reads a hold and holds it until the unit of work ends. */
  Optional<Hold> lock(HoldId id);

  /**
   * Up to {@code limit} holds still held whose time ran out at or before {@code now}, earliest
   * expiry first.
   */
  List<Hold> findExpired(Instant now, int limit);
}
