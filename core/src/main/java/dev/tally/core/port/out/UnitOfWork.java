package dev.tally.core.port.out;

import java.util.function.Function;

/**
 * Runs work atomically: every write made through the given {@link Repositories} commits together
 * when the work returns, or none does when it throws. The exception the work throws reaches the
 * caller unchanged.
 *
 * <p>Implementations may run the work more than once when the storage reports a transient
 * conflict (a deadlock, a serialization failure, a concurrent insert of the same key); the work
 * must therefore have no effect outside the repositories. Storage failures surface as {@link
 * StorageException}. A unit of work started inside another on the same thread joins it.
 * Thread-safe.
 */
public interface UnitOfWork {
  <T> T inTransaction(Function<Repositories, T> work);
}
