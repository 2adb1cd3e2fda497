package dev.tally.http.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;

/**
 * Remembers the nonces of signed requests for twice the timestamp window, so that a captured
 * request replayed within its window is refused. Per server process: a replay sent to another
 * server of a cluster is caught only by the window. Thread-safe.
 */
final class NonceCache {
  private final Cache<String, Boolean> seen;

  NonceCache(Duration window) {
    this.seen =
        CacheBuilder.newBuilder().expireAfterWrite(window.multipliedBy(2)).maximumSize(1_000_000).build();
  }

  /** Records the nonce; false when it was seen before (a replay). */
  boolean firstUse(String appId, String nonce) {
    return seen.asMap().putIfAbsent(appId + "\n" + nonce, Boolean.TRUE) == null;
  }
}
