package dev.tally.core.port.in;

import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.Money;

/** Holds: reserve, then settle, void or let expire. Thread-safe. */
public interface Holds {
  Hold reserve(ReserveHold command);

  /**
   * Charges {@code actual} (at most the held amount) and releases the rest. Refused after the
   * hold expired ({@code hold_expired}) or once it was closed ({@code hold_not_active}).
   */
  Hold settle(HoldId id, Money actual);

  /** Releases the whole amount without a charge. */
  Hold voidHold(HoldId id);

  Hold hold(HoldId id);

  /** Releases every hold whose time ran out; returns how many. */
  int expireDue();
}
