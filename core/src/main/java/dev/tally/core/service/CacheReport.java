package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The figures of one in-process cache since it was made, for metrics: hits and misses of lookups,
 * entries evicted (by size or age; not the invalidations of a sync or a save), and its size now.
 *
 * @param name the cache ({@code pricing}, ...), a metrics tag
 * @param size entries held now (approximate)
 * @param maximumSize the configured bound
 */
public record CacheReport(
    String name, long size, long maximumSize, long hits, long misses, long evictions) {
  public CacheReport {
    checkNotNull(name, "name");
    checkArgument(
        size >= 0 && maximumSize >= 0 && hits >= 0 && misses >= 0 && evictions >= 0,
        "negative cache figure");
  }

  /** Lookups answered from the cache or not. */
  public long requests() {
    return hits + misses;
  }
}
