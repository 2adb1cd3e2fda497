package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.auth.SecretSealer;
import dev.tally.core.model.Currency;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Settings of the billing and access rules, of the sync and of the in-process caches.
 *
 * @param businessZone the zone of the ledger's business dates ({@code biz_date}) and of the dates
 *     that select a price list
 * @param defaultCurrency the currency of a balance opened without a currency (by a subscription or
 *     credit-limit change)
 * @param secretSealer seals app secrets with the master key; empty when none is configured (then
 *     no app can be made or checked)
 * @param timestampWindow how far a signed request's or Deerer token's time may be from the clock
 * @param sync paging, lease and retries of the upstream sync
 * @param pricingCache the cache of pricing programmes in front of the use path
 * @param catalogCache the cache of users, uapi and llmage entries in front of their tables
 * @param productCache the cache of products, resources, supplier links, suppliers and discounts in
 *     front of the use path
 * @param keyCache the cache of API keys (with their apps) in front of authentication
 * @param groupCommit how concurrent uses are gathered into one unit of work
 */
public record CoreSettings(
    ZoneId businessZone,
    Currency defaultCurrency,
    Optional<SecretSealer> secretSealer,
    Duration timestampWindow,
    SyncSettings sync,
    CacheSettings pricingCache,
    CacheSettings catalogCache,
    CacheSettings productCache,
    CacheSettings keyCache,
    GroupCommitSettings groupCommit) {
  /** 10,000 entries for 5 seconds: a catalogue change made by another server shows that fast. */
  public static final CacheSettings PRODUCT_CACHE_DEFAULTS =
      new CacheSettings(10_000, Duration.ofSeconds(5));

  /**
   * 10,000 keys for 5 seconds: a key revoked (or an app disabled) through another server sharing
   * the database stops working that fast; through this process, at once.
   */
  public static final CacheSettings KEY_CACHE_DEFAULTS =
      new CacheSettings(10_000, Duration.ofSeconds(5));

  public static final CoreSettings DEFAULTS =
      new CoreSettings(
          ZoneId.of("Asia/Shanghai"), Currency.CNY, Optional.empty(), Duration.ofSeconds(300));

  public CoreSettings {
    checkNotNull(businessZone, "business zone");
    checkNotNull(defaultCurrency, "default currency");
    checkNotNull(secretSealer, "secret sealer");
    checkNotNull(timestampWindow, "timestamp window");
    checkNotNull(sync, "sync");
    checkNotNull(pricingCache, "pricing cache");
    checkNotNull(catalogCache, "catalog cache");
    checkNotNull(productCache, "product cache");
    checkNotNull(keyCache, "key cache");
    checkNotNull(groupCommit, "group commit");
  }

  /** The billing and access settings, with the default sync and cache settings. */
  public CoreSettings(
      ZoneId businessZone,
      Currency defaultCurrency,
      Optional<SecretSealer> secretSealer,
      Duration timestampWindow) {
    this(
        businessZone,
        defaultCurrency,
        secretSealer,
        timestampWindow,
        SyncSettings.DEFAULTS,
        CacheSettings.DEFAULTS,
        CacheSettings.DEFAULTS,
        PRODUCT_CACHE_DEFAULTS,
        KEY_CACHE_DEFAULTS,
        GroupCommitSettings.DEFAULTS);
  }

  public CoreSettings withSecretSealer(SecretSealer sealer) {
    return new CoreSettings(
        businessZone, defaultCurrency, Optional.of(sealer), timestampWindow, sync, pricingCache,
        catalogCache, productCache, keyCache, groupCommit);
  }

  public CoreSettings withSync(SyncSettings settings) {
    return new CoreSettings(
        businessZone, defaultCurrency, secretSealer, timestampWindow, settings, pricingCache,
        catalogCache, productCache, keyCache, groupCommit);
  }

  public CoreSettings withPricingCache(CacheSettings settings) {
    return new CoreSettings(
        businessZone, defaultCurrency, secretSealer, timestampWindow, sync, settings, catalogCache,
        productCache, keyCache, groupCommit);
  }

  public CoreSettings withCatalogCache(CacheSettings settings) {
    return new CoreSettings(
        businessZone, defaultCurrency, secretSealer, timestampWindow, sync, pricingCache, settings,
        productCache, keyCache, groupCommit);
  }

  public CoreSettings withProductCache(CacheSettings settings) {
    return new CoreSettings(
        businessZone, defaultCurrency, secretSealer, timestampWindow, sync, pricingCache,
        catalogCache, settings, keyCache, groupCommit);
  }

  public CoreSettings withKeyCache(CacheSettings settings) {
    return new CoreSettings(
        businessZone, defaultCurrency, secretSealer, timestampWindow, sync, pricingCache,
        catalogCache, productCache, settings, groupCommit);
  }

  public CoreSettings withGroupCommit(GroupCommitSettings settings) {
    return new CoreSettings(
        businessZone, defaultCurrency, secretSealer, timestampWindow, sync, pricingCache,
        catalogCache, productCache, keyCache, settings);
  }
}
