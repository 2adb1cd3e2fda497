package dev.tally.persistence.jdbi.internal;

import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts database errors by what retrying the whole transaction does for them. A lock conflict
 * (deadlock, serialization failure, lock timeout) resolves on retry; a duplicate key resolves when
 * a concurrent transaction inserted the row first (the retry then finds it, as every unit of work
 * checks before it inserts), and otherwise persists, so it is retried only briefly.
 */
enum TransientFailures {
  /** Not resolved by retrying. */
  PERMANENT,
  /** Deadlock, serialization failure or lock timeout. */
  LOCK_CONFLICT,
  /** A unique key already taken. */
  DUPLICATE_KEY;

  /** SQLSTATEs of lock conflicts: serialization failure, deadlock (PostgreSQL). */
  private static final Set<String> LOCK_STATES = Set.of("40001", "40P01");

  /** Error codes of lock conflicts: MySQL lock wait timeout and deadlock; H2 lock timeout. */
  private static final Set<Integer> LOCK_CODES = Set.of(1205, 1213, 50200, 40001);

  /** The standard SQLSTATE of a unique violation (PostgreSQL, H2). */
  private static final String UNIQUE_STATE = "23505";

  /** The MySQL/MariaDB error code of a duplicate key. */
  private static final int MYSQL_DUPLICATE = 1062;

  static TransientFailures classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ((state != null && LOCK_STATES.contains(state)) || LOCK_CODES.contains(sql.getErrorCode())) {
          return LOCK_CONFLICT;
        }
        if (UNIQUE_STATE.equals(state) || sql.getErrorCode() == MYSQL_DUPLICATE) {
          return DUPLICATE_KEY;
        }
      }
    }
    return PERMANENT;
  }
}
