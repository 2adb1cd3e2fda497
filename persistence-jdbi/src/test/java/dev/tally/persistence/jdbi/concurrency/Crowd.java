package dev.tally.persistence.jdbi.concurrency;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task per thread, all released together by a latch once every thread is ready, and waits
 * for them. A task that throws fails the run; tasks record business refusals themselves (see {@link
 * Attempt}).
 */
final class Crowd {
  private static final long TIMEOUT_SECONDS = 300;

  /** The results of the threads, in thread order, and the time from release to the last end. */
  record Run<T>(List<T> results, long elapsedMillis) {}

  private Crowd() {}

  static <T> Run<T> run(int threads, IntFunction<T> task) {
    checkArgument(threads > 0, "threads: %s", threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.apply(index);
                }));
      }
      if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("the threads did not start");
      }
      long start = System.nanoTime();
      go.countDown();
      List<T> results = new ArrayList<>(threads);
      for (Future<T> future : futures) {
        results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return new Run<>(results, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the crowd", e);
    } catch (ExecutionException e) {
      throw new AssertionError("a thread of the crowd failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the crowd did not finish in " + TIMEOUT_SECONDS + " s", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
