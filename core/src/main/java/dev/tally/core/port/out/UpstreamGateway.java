package dev.tally.core.port.out;

import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import dev.tally.core.sync.UpstreamException;
import java.util.Optional;

/**
 * The upstream services Tally syncs from: {@code GET {base}{path}?since={cursor}&limit={n}} per
 * entity, answering one page. Implementations sign the request and read the page; they do not
 * retry (the sync does, with backoff). Thread-safe.
 */
public interface UpstreamGateway {
  /**
   * One page of changes after {@code cursor} (from the start when empty). The changes are of
   * {@code entity}: {@link dev.tally.core.sync.SyncChange.UpsertProgram programmes} for pricing,
   * {@link dev.tally.core.sync.SyncChange.Upsert entries} of the entity otherwise, and tombstones.
   *
   * @throws UpstreamException when the call fails or its answer cannot be read
   */
  SyncPage fetch(SyncEntity entity, Optional<String> cursor, int limit);

  /** False for the gateway of a Tally configured without upstreams: a sync has nothing to ask. */
  default boolean isConfigured() {
    return true;
  }

  /**
   * A gateway for a Tally configured without upstreams: every fetch fails at once, not retried,
   * saying so.
   */
  static UpstreamGateway unconfigured() {
    return new UpstreamGateway() {
      @Override
      public SyncPage fetch(SyncEntity entity, Optional<String> cursor, int limit) {
        throw UpstreamException.permanent(
            "no upstream is configured for " + entity.code() + "; nothing to sync from");
      }

      @Override
      public boolean isConfigured() {
        return false;
      }
    };
  }
}
