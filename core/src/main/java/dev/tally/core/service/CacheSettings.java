package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Size and lifetime of one in-process cache (an LRU with a time to live).
 *
 * @param maximumSize entries kept at most, the least recently used evicted first; 0 turns the cache
 *     off
 * @param ttl how long an entry serves after it was loaded; a sync or a save of the entry
 *     invalidates it sooner in this process, the TTL bounds how long a change made by another
 *     server goes unseen
 */
public record CacheSettings(long maximumSize, Duration ttl) {
  /** 1000 entries for 5 minutes. */
  public static final CacheSettings DEFAULTS = new CacheSettings(1000, Duration.ofMinutes(5));

  public CacheSettings {
    checkArgument(maximumSize >= 0, "cache maximum size is negative: %s", maximumSize);
    checkNotNull(ttl, "ttl");
    checkArgument(!ttl.isNegative(), "cache ttl is negative: %s", ttl);
  }
}
