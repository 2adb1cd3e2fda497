package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * The in-process caches ({@code cache.*}): pricing programmes in front of the use path, and
 * users, uapi and llmage entries in front of their cache tables. Each keeps at most its size, each
 * entry for its ttl; a sync of an entity clears that entity's entries at once.
 */
public record CacheConfig(
    long pricingMaxSize, Duration pricingTtl, long catalogMaxSize, Duration catalogTtl) {
  public CacheConfig {
    checkArgument(pricingMaxSize >= 0, "pricing cache size is not negative");
    checkNotNull(pricingTtl, "pricing cache ttl");
    checkArgument(catalogMaxSize >= 0, "catalog cache size is not negative");
    checkNotNull(catalogTtl, "catalog cache ttl");
  }
}
