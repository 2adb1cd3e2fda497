package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheStats;
import dev.tally.core.port.out.Repositories;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Rows of a cache table or of the pricing programmes, kept in memory (an LRU with a time to live)
 * in front of storage, so that a hot lookup (a use's programme, a cached user) does not read and
 * parse its row each time. A change in this process invalidates what it changed once it has
 * committed; a change made by another server is seen when the entry expires.
 *
 * <p>A lookup that misses reads the row in the caller's unit of work and keeps it only if no
 * invalidation happened since the lookup began: otherwise a read that started before a sync
 * committed could put the old row back after the sync invalidated it. Storage runs at READ
 * COMMITTED, so a read that starts after an invalidation sees what was committed before it. Rows
 * that are not found are not cached. Thread-safe.
 */
final class ReadThroughCache<K, V> {
  private final String name;
  private final Cache<K, V> rows;
  private final long maximumSize;
  private final BiFunction<Repositories, K, Optional<V>> loader;
  private final Object invalidations = new Object();
  // written under invalidations; read without, to begin a lookup
  private volatile long generation;

  /**
   * @param loader reads a row from storage, in the caller's unit of work
   */
  ReadThroughCache(
      String name,
      CacheSettings settings,
      Ticker ticker,
      BiFunction<Repositories, K, Optional<V>> loader) {
    this.name = checkNotNull(name, "name");
    checkNotNull(settings, "settings");
    this.maximumSize = settings.maximumSize();
    this.rows =
        CacheBuilder.newBuilder()
            .maximumSize(settings.maximumSize())
            .expireAfterWrite(settings.ttl())
            .ticker(checkNotNull(ticker, "ticker"))
            .recordStats()
            .build();
    this.loader = checkNotNull(loader, "loader");
  }

  /** The row, from the cache or else from storage through {@code repos}. */
  Optional<V> find(Repositories repos, K key) {
    V cached = rows.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    long seen = generation;
    Optional<V> stored = loader.apply(repos, key);
    stored.ifPresent(
        row -> {
          synchronized (invalidations) {
            if (generation == seen) {
              rows.put(key, row);
            }
          }
        });
    return stored;
  }

  /** The row if it is in memory, without reading storage. */
  Optional<V> cached(K key) {
    return Optional.ofNullable(rows.getIfPresent(key));
  }

  /** Forgets one row; call after the change to it committed. */
  void invalidate(K key) {
    synchronized (invalidations) {
      generation++;
      rows.invalidate(key);
    }
  }

  /** Forgets the rows whose keys match; call after a sync stored a page of them. */
  void invalidateIf(Predicate<? super K> changed) {
    synchronized (invalidations) {
      generation++;
      rows.asMap().keySet().removeIf(changed);
    }
  }

  CacheReport report() {
    CacheStats stats = rows.stats();
    return new CacheReport(
        name, rows.size(), maximumSize, stats.hitCount(), stats.missCount(), stats.evictionCount());
  }
}
