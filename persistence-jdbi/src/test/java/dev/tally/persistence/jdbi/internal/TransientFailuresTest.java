package dev.tally.persistence.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the drivers and the pool throw when the database goes away is told apart from a lock
 * conflict and from a failure of the statement itself: the unit of work fails at once on it,
 * without retrying (DatabaseRestartTest in cli-adapter sees the real ones).
 */
class TransientFailuresTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "08006", // PostgreSQL: an I/O error, the connection lost
        "08001", // unable to connect (also what HikariCP reports from the last attempt)
        "08S01", // MariaDB: communications link failure
        "57P01", // PostgreSQL: terminating connection due to administrator command (fast stop)
        "57P02", // PostgreSQL: crash shutdown
        "57P03" // PostgreSQL: the database system is starting up / shutting down
      })
  void aLostOrRefusedConnectionIsUnavailable(String sqlState) {
    assertThat(TransientFailures.classify(wrapped(new SQLException("gone", sqlState))))
        .isEqualTo(TransientFailures.UNAVAILABLE);
  }

  @Test
  void thePoolsTimeoutWaitingForAConnectionItCannotMakeIsUnavailable() {
    SQLException timedOut =
        new SQLTransientConnectionException(
            "tally - Connection is not available, request timed out after 1000ms",
            "08001",
            new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));

    assertThat(TransientFailures.classify(wrapped(timedOut))).isEqualTo(TransientFailures.UNAVAILABLE);
  }

  /** A busy pool times out without a failure to connect: waiting again serves the request. */
  @Test
  void thePoolsTimeoutWhileEveryConnectionIsLentOutIsBusy() {
    SQLException timedOut =
        new SQLTransientConnectionException(
            "tally - Connection is not available, request timed out after 5000ms"
                + " (total=8, active=8, idle=0, waiting=24)",
            (String) null);

    assertThat(TransientFailures.classify(wrapped(timedOut))).isEqualTo(TransientFailures.BUSY);
  }

  @Test
  void aMariadbConnectionClosedByTheServerIsUnavailable() {
    SQLException closed = new SQLNonTransientConnectionException("Connection reset", "08000", 0);

    assertThat(TransientFailures.classify(wrapped(closed))).isEqualTo(TransientFailures.UNAVAILABLE);
  }

  @Test
  void aDeadlockIsStillALockConflictAndABadStatementPermanent() {
    assertThat(TransientFailures.classify(wrapped(new SQLException("deadlock", "40P01"))))
        .isEqualTo(TransientFailures.LOCK_CONFLICT);
    assertThat(TransientFailures.classify(wrapped(new SQLException("value too long", "22001"))))
        .isEqualTo(TransientFailures.PERMANENT);
  }

  /** As JDBI hands it over: the driver's exception as the cause of its own. */
  private static RuntimeException wrapped(SQLException cause) {
    return new RuntimeException("statement failed", cause);
  }
}
