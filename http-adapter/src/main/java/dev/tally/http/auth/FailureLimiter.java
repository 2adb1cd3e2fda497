package dev.tally.http.auth;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down credential guessing: an address that failed authentication {@code limit} times
 * within a minute is answered 429 until the minute since its first failure has passed. Thread-safe.
 */
final class FailureLimiter {
  private final int limit;
  private final LoadingCache<String, AtomicInteger> failures;

  FailureLimiter(int limit) {
    this.limit = limit;
    this.failures =
        CacheBuilder.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build(CacheLoader.from(() -> new AtomicInteger()));
  }

  boolean isBlocked(String address) {
    AtomicInteger count = failures.getIfPresent(address);
    return count != null && count.get() >= limit;
  }

  void recordFailure(String address) {
    failures.getUnchecked(address).incrementAndGet();
  }
}
