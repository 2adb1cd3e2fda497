package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A unit of work that, once asked to, makes the next units of work wait for one another inside
 * their transactions, before their work, so that their statements interleave on separate
 * connections; the units of work after them run straight through. Whether they all met shows that
 * they were open at once. Thread-safe.
 */
final class MeetingUnitOfWork implements UnitOfWork {
  private final UnitOfWork storage;
  private final Duration longest;
  private final AtomicInteger seats = new AtomicInteger();
  private volatile CountDownLatch arrived = new CountDownLatch(0);
  private final AtomicBoolean someoneWentOnAlone = new AtomicBoolean();

  /** Waits at most {@code longest} for the others, then goes on alone. */
  MeetingUnitOfWork(UnitOfWork storage, Duration longest) {
    this.storage = storage;
    this.longest = longest;
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    return storage.inTransaction(
        repositories -> {
          if (seats.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            arrived.countDown();
            if (!awaitQuietly(arrived)) {
              someoneWentOnAlone.set(true);
            }
          }
          return work.apply(repositories);
        });
  }

  /** Makes the next {@code parties} units of work meet. */
  void meetTheNext(int parties) {
    arrived = new CountDownLatch(parties);
    someoneWentOnAlone.set(false);
    seats.set(parties);
  }

  /** Whether every unit of work asked to meet arrived while the others still waited. */
  boolean met() {
    return arrived.getCount() == 0 && !someoneWentOnAlone.get();
  }

  private boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(longest.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
