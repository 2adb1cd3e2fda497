package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A unit of work that, once asked to, holds the next transaction open after its work is done and
 * before it commits, until released: every row lock the work took (a use's balance row, its chain
 * head, its usage row) is held meanwhile, as by a use caught mid-commit. The other units of work run
 * straight through. Thread-safe.
 */
final class HeldOpenUnitOfWork implements UnitOfWork {
  private final UnitOfWork storage;
  private final Duration longest;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** Holds a unit of work open for at most {@code longest}, then lets it commit. */
  HeldOpenUnitOfWork(UnitOfWork storage, Duration longest) {
    this.storage = storage;
    this.longest = longest;
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    return storage.inTransaction(
        repositories -> {
          T result = work.apply(repositories);
          if (armed.compareAndSet(true, false)) {
            holding.countDown();
            awaitQuietly(released, longest);
          }
          return result;
        });
  }

  /** Holds the next unit of work that starts open, until {@link #release}. */
  void holdTheNext() {
    armed.set(true);
  }

  /** Waits until the held unit of work has done its work and holds its locks. */
  boolean awaitHolding(Duration timeout) {
    return awaitQuietly(holding, timeout);
  }

  /** Lets the held unit of work commit. */
  void release() {
    released.countDown();
  }

  private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
