package dev.tally.http.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down credential guessing: an address that failed authentication {@code limit} times
 * within a minute is answered 429 until the minute since its first failure has passed. Thread-safe.
 */
final class FailureLimiter {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int limit;
  private final Cache<String, Failures> failures;

  FailureLimiter(int limit) {
    this.limit = limit;
    this.failures = CacheBuilder.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();
  }

  /** The failures of one address since the first of them. */
  private record Failures(long firstNanos, AtomicInteger count) {}

  /** How long {@code address} must still wait; empty when it is not blocked. */
  Optional<Duration> blockedFor(String address) {
    Failures seen = failures.getIfPresent(address);
    if (seen == null || seen.count().get() < limit) {
      return Optional.empty();
    }
    Duration left = WINDOW.minusNanos(System.nanoTime() - seen.firstNanos());
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  void recordFailure(String address) {
    failures.asMap().computeIfAbsent(address, first -> new Failures(System.nanoTime(), new AtomicInteger())).count().incrementAndGet();
  }
}
