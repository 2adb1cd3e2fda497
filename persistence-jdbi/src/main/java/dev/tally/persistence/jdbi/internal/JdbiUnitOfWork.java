package dev.tally.persistence.jdbi.internal;

import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.StorageUnavailableException;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A unit of work is one database transaction at READ COMMITTED. A lock conflict (deadlock,
 * serialization failure, lock timeout, a Galera certification failure) rolls back and runs the work
 * again, after a short random pause, for as long as {@link #CONFLICT_PATIENCE} has not passed since
 * the first attempt; a duplicate key, which a concurrent insert of the same row causes, up to
 * {@value #MAX_DUPLICATE_ATTEMPTS} times. Neither reaches the caller as an error unless it
 * persists. Conflicts are bounded by time, not by a count, because a conflict means that another
 * transaction committed: on a Galera cluster, the uses of one customer on three nodes at once lose
 * certification many times in a row (20 attempts ran out there), each attempt failing within
 * milliseconds. A database that cannot be reached surfaces at once as {@link
 * StorageUnavailableException}; a pool whose connections are all lent out is waited for again for
 * as long as {@link #BUSY_PATIENCE} has not passed; other database failures surface as {@link
 * StorageException}; business exceptions thrown by the work pass through unchanged. A unit of
 * work started inside another on the same thread joins it. Given a lock (the embedded H2 database, see {@link
 * SerialTransactions}), each attempt holds it from its first statement until its commit or
 * rollback has returned, so that no two transactions are ever in flight at once. When the pool
 * hands out connections at READ COMMITTED already (Tally's own pool does), the isolation is left
 * alone: JDBI would otherwise ask the connection for it six times per unit of work, and the
 * PostgreSQL driver answers each with a round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}).
 */
public final class JdbiUnitOfWork implements UnitOfWork {
  static final Duration CONFLICT_PATIENCE = Duration.ofSeconds(15);
  static final int MAX_DUPLICATE_ATTEMPTS = 3;

  /**
   * How long a unit of work waits in all for a connection from a busy pool (the pool's own
   * timeout, the wait for an unreachable database, is shorter): HikariCP's default wait.
   */
  static final Duration BUSY_PATIENCE = Duration.ofSeconds(30);

  private final Jdbi jdbi;
  private final Optional<Lock> oneAtATime;
  private final boolean poolIsReadCommitted;
  private final ThreadLocal<JdbiRepositories> current = new ThreadLocal<>();

  /**
   * {@code poolIsReadCommitted}: the data source hands out every connection at READ COMMITTED (a
   * pool configured so resets a connection that a borrower changed before lending it again).
   */
  public JdbiUnitOfWork(Jdbi jdbi, Optional<Lock> oneAtATime, boolean poolIsReadCommitted) {
    this.jdbi = jdbi;
    this.oneAtATime = oneAtATime;
    this.poolIsReadCommitted = poolIsReadCommitted;
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    JdbiRepositories joined = current.get();
    if (joined != null) {
      return work.apply(joined);
    }
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(work);
      } catch (JdbiException failure) {
        TransientFailures kind = TransientFailures.classify(failure);
        boolean again =
            switch (kind) {
              // an unreachable database: the pool already waited its connection timeout
              case PERMANENT, UNAVAILABLE -> false;
              case LOCK_CONFLICT -> System.nanoTime() - started < CONFLICT_PATIENCE.toNanos();
              case BUSY -> System.nanoTime() - started < BUSY_PATIENCE.toNanos();
              case DUPLICATE_KEY -> attempt < MAX_DUPLICATE_ATTEMPTS;
            };
        if (!again) {
          String message =
              "database operation failed"
                  + (attempt > 1 ? " after " + attempt + " attempts" : "")
                  + ": "
                  + failure.getMessage();
          throw kind == TransientFailures.UNAVAILABLE
              ? new StorageUnavailableException(message, failure)
              : new StorageException(message, failure);
        }
        pause(attempt);
      }
    }
  }

  /** One run of the work in its own transaction, alone on the database when so configured. */
  private <T> T attempt(Function<Repositories, T> work) {
    oneAtATime.ifPresent(Lock::lock);
    try {
      HandleCallback<T, RuntimeException> inRepositories =
          handle -> {
            current.set(new JdbiRepositories(handle));
            try {
              return work.apply(current.get());
            } finally {
              current.remove();
            }
          };
      return poolIsReadCommitted
          ? jdbi.inTransaction(inRepositories)
          : jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, inRepositories);
    } finally {
      oneAtATime.ifPresent(Lock::unlock);
    }
  }

  /** Waits a random time that grows with the attempt (up to ~64 ms), so that retries spread. */
  private static void pause(int attempt) {
    long bound = 1L << Math.min(attempt, 6);
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while retrying a database conflict", e);
    }
  }
}
