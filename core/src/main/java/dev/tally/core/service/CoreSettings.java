package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.auth.SecretSealer;
import dev.tally.core.model.Currency;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Settings of the billing and access rules.
 *
 * @param businessZone the zone of the ledger's business dates ({@code biz_date}) and of the dates
 *     that select a price list
 * @param defaultCurrency the currency of a balance opened without a currency (by a subscription or
 *     credit-limit change)
 * @param secretSealer seals app secrets with the master key; empty when none is configured (then
 *     no app can be made or checked)
 * @param timestampWindow how far a signed request's or Deerer token's time may be from the clock
 */
public record CoreSettings(
    ZoneId businessZone,
    Currency defaultCurrency,
    Optional<SecretSealer> secretSealer,
    Duration timestampWindow) {
  public static final CoreSettings DEFAULTS =
      new CoreSettings(
          ZoneId.of("Asia/Shanghai"), Currency.CNY, Optional.empty(), Duration.ofSeconds(300));

  public CoreSettings {
    checkNotNull(businessZone, "business zone");
    checkNotNull(defaultCurrency, "default currency");
    checkNotNull(secretSealer, "secret sealer");
    checkNotNull(timestampWindow, "timestamp window");
  }

  public CoreSettings withSecretSealer(SecretSealer sealer) {
    return new CoreSettings(businessZone, defaultCurrency, Optional.of(sealer), timestampWindow);
  }
}
