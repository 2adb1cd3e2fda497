package dev.tally.persistence.jdbi.internal;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Sorts database errors by what retrying the whole transaction does for them. A lock conflict
 * (deadlock, serialization failure, lock timeout) resolves on retry; a duplicate key resolves when
 * a concurrent transaction inserted the row first (the retry then finds it, as every unit of work
 * checks before it inserts), and otherwise persists, so it is retried only briefly. A database that
 * cannot be reached is not retried here: the pool already waited its connection timeout. A pool
 * that timed out while it could connect (every connection lent out, none failing) is busy, not
 * down: waiting again resolves it.
 */
enum TransientFailures {
  /** Not resolved by retrying. */
  PERMANENT,
  /** Deadlock, serialization failure or lock timeout. */
  LOCK_CONFLICT,
  /** A unique key already taken. */
  DUPLICATE_KEY,
  /**
   * No pooled connection came free in time, and the pool had no failure connecting: every
   * connection was lent out (torture found this answered 503 under load, with the database up).
   */
  BUSY,
  /** No connection in time, a connection lost, a server shutting down or starting up. */
  UNAVAILABLE;

  /** SQLSTATEs of lock conflicts: serialization failure, deadlock (PostgreSQL). */
  private static final Set<String> LOCK_STATES = Set.of("40001", "40P01");

  /** Error codes of lock conflicts: MySQL lock wait timeout and deadlock; H2 lock timeout. */
  private static final Set<Integer> LOCK_CODES = Set.of(1205, 1213, 50200, 40001);

  /** The standard SQLSTATE of a unique violation (PostgreSQL, H2). */
  private static final String UNIQUE_STATE = "23505";

  /** The MySQL/MariaDB error code of a duplicate key. */
  private static final int MYSQL_DUPLICATE = 1062;

  /** The SQLSTATE class of connection exceptions (standard: PostgreSQL, MariaDB, H2). */
  private static final String CONNECTION_CLASS = "08";

  /**
   * PostgreSQL's SQLSTATEs of a server going away or not there yet: admin shutdown, crash
   * shutdown, cannot connect now (starting up or shutting down).
   */
  private static final Set<String> SERVER_GONE_STATES = Set.of("57P01", "57P02", "57P03");

  static TransientFailures classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      // the pool's timeout waiting for a connection, or JDBI's failure to open one
      // HikariCP gives its timeout the last failure to connect as cause; none when merely busy
      if (cause instanceof SQLTransientConnectionException && cause.getCause() == null) {
        return BUSY;
      }
      if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectionException) {
        return UNAVAILABLE;
      }
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ((state != null && LOCK_STATES.contains(state)) || LOCK_CODES.contains(sql.getErrorCode())) {
          return LOCK_CONFLICT;
        }
        if (UNIQUE_STATE.equals(state) || sql.getErrorCode() == MYSQL_DUPLICATE) {
          return DUPLICATE_KEY;
        }
        if (state != null && (state.startsWith(CONNECTION_CLASS) || SERVER_GONE_STATES.contains(state))) {
          return UNAVAILABLE;
        }
      }
    }
    return PERMANENT;
  }
}
