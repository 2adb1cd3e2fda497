package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * The in-process caches ({@code cache.*}): pricing programmes in front of the use path, users,
 * uapi and llmage entries in front of their cache tables, and products (with their resources,
 * supplier links, suppliers and discounts) in front of the use path, and API keys (with their
 * apps) in front of authentication. Each keeps at most its size, each entry for its ttl; a sync of
 * an entity clears that entity's entries at once, a catalogue change through this process clears
 * the products cache at once, a key revoked or an app changed through it the keys cache.
 */
public record CacheConfig(
    long pricingMaxSize,
    Duration pricingTtl,
    long catalogMaxSize,
    Duration catalogTtl,
    long productsMaxSize,
    Duration productsTtl,
    long keysMaxSize,
    Duration keysTtl) {
  public CacheConfig {
    checkArgument(pricingMaxSize >= 0, "pricing cache size is not negative");
    checkNotNull(pricingTtl, "pricing cache ttl");
    checkArgument(catalogMaxSize >= 0, "catalog cache size is not negative");
    checkNotNull(catalogTtl, "catalog cache ttl");
    checkArgument(productsMaxSize >= 0, "products cache size is not negative");
    checkNotNull(productsTtl, "products cache ttl");
    checkArgument(keysMaxSize >= 0, "keys cache size is not negative");
    checkNotNull(keysTtl, "keys cache ttl");
  }
}
