package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheStats;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.out.Repositories;
import java.util.Optional;

/**
 * The pricing programmes of the use path, kept in memory (an LRU with a time to live) so that a
 * use does not read and parse its programme from storage each time. A save or a sync of pricing in
 * this process invalidates what it changed once it has committed; a change made by another server
 * is seen when the entry expires.
 *
 * <p>A lookup that misses reads the programme in the caller's unit of work and keeps it only if no
 * invalidation happened since the lookup began: otherwise a read that started before a sync
 * committed could put the old programme back after the sync invalidated it. Storage runs at READ
 * COMMITTED, so a read that starts after an invalidation sees what was committed before it.
 * Programmes that are not found are not cached. Thread-safe.
 */
final class PricingCache {
  static final String NAME = "pricing";

  private final Cache<PricingProgramId, PricingProgram> programs;
  private final long maximumSize;
  private final Object invalidations = new Object();
  // written under invalidations; read without, to begin a lookup
  private volatile long generation;

  PricingCache(CacheSettings settings, Ticker ticker) {
    checkNotNull(settings, "settings");
    this.maximumSize = settings.maximumSize();
    this.programs =
        CacheBuilder.newBuilder()
            .maximumSize(settings.maximumSize())
            .expireAfterWrite(settings.ttl())
            .ticker(checkNotNull(ticker, "ticker"))
            .recordStats()
            .build();
  }

  /** The programme, from the cache or else from storage through {@code repos}. */
  Optional<PricingProgram> find(Repositories repos, PricingProgramId id) {
    PricingProgram cached = programs.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    long seen = generation;
    Optional<PricingProgram> stored = repos.pricing().find(id);
    stored.ifPresent(
        program -> {
          synchronized (invalidations) {
            if (generation == seen) {
              programs.put(id, program);
            }
          }
        });
    return stored;
  }

  /** Forgets one programme; call after the change to it committed. */
  void invalidate(PricingProgramId id) {
    synchronized (invalidations) {
      generation++;
      programs.invalidate(id);
    }
  }

  /** Forgets every programme; call after a sync stored a page of pricing. */
  void invalidateAll() {
    synchronized (invalidations) {
      generation++;
      programs.invalidateAll();
    }
  }

  CacheReport report() {
    CacheStats stats = programs.stats();
    return new CacheReport(
        NAME,
        programs.size(),
        maximumSize,
        stats.hitCount(),
        stats.missCount(),
        stats.evictionCount());
  }
}
