package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * The in-process cache of pricing programmes in front of the use path ({@code cache.pricing.*}):
 * at most {@code maxSize} programmes, each kept {@code ttl} (a sync of pricing clears it at once).
 */
public record CacheConfig(long pricingMaxSize, Duration pricingTtl) {
  public CacheConfig {
    checkArgument(pricingMaxSize >= 0, "pricing cache size is not negative");
    checkNotNull(pricingTtl, "pricing cache ttl");
  }
}
