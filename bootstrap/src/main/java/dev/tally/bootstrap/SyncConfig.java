package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.model.Secret;
import dev.tally.core.sync.SyncEntity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream sync ({@code sync.*}): where the upstream services are, how requests are signed,
 * and how often each entity is pulled. Without a base URL there is no sync.
 *
 * @param signer {@code none}, {@code bearer}, {@code deerer}, {@code hmac-sha256} or {@code
 *     jwt-hs256}; which of the credentials below it needs is checked at load
 * @param timeout the longest silence while reading an upstream's answer
 * @param pageTimeout the longest a whole page may take, however steadily its bytes come
 * @param maxPageBytes the largest page read; a larger one fails the run
 * @param staleAfterIntervals {@code /health} calls an entity stale when its last success is older
 *     than this many intervals
 */
public record SyncConfig(
    Optional<String> baseUrl,
    String signer,
    Secret apiKey,
    String appId,
    Secret appSecret,
    String jwtIssuer,
    Secret jwtSecret,
    Duration jwtTtl,
    int pageSize,
    Duration timeout,
    Duration pageTimeout,
    long maxPageBytes,
    int maxAttempts,
    int staleAfterIntervals,
    Map<SyncEntity, EntitySync> entities) {

  /** One entity's upstream path and how often it is pulled (zero: only on demand). */
  public record EntitySync(String path, Duration interval) {
    public EntitySync {
      checkNotNull(path, "path");
      checkNotNull(interval, "interval");
    }
  }

  public SyncConfig {
    checkNotNull(baseUrl, "base url");
    checkNotNull(signer, "signer");
    checkNotNull(apiKey, "api key");
    checkNotNull(appId, "app id");
    checkNotNull(appSecret, "app secret");
    checkNotNull(jwtIssuer, "jwt issuer");
    checkNotNull(jwtSecret, "jwt secret");
    checkNotNull(jwtTtl, "jwt ttl");
    checkNotNull(timeout, "timeout");
    checkNotNull(pageTimeout, "page timeout");
    checkArgument(maxPageBytes >= 1, "the largest page is at least 1 byte");
    checkArgument(staleAfterIntervals >= 1, "stale after intervals is positive");
    entities = ImmutableMap.copyOf(entities);
  }

  public boolean isConfigured() {
    return baseUrl.isPresent();
  }

  /** The same sync with every schedule off (for one-shot commands). */
  public SyncConfig withoutSchedules() {
    ImmutableMap.Builder<SyncEntity, EntitySync> unscheduled = ImmutableMap.builder();
    entities.forEach((entity, sync) -> unscheduled.put(entity, new EntitySync(sync.path(), Duration.ZERO)));
    return new SyncConfig(
        baseUrl, signer, apiKey, appId, appSecret, jwtIssuer, jwtSecret, jwtTtl, pageSize, timeout,
        pageTimeout, maxPageBytes, maxAttempts, staleAfterIntervals, unscheduled.buildOrThrow());
  }
}
