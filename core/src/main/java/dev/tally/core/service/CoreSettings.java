package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Currency;
import java.time.ZoneId;

/**
 * Settings of the billing rules.
 *
 * @param businessZone the zone of the ledger's business dates ({@code biz_date}) and of the dates
 *     that select a price list
 * @param defaultCurrency the currency of a balance opened without a currency (by a subscription or
 *     credit-limit change)
 */
public record CoreSettings(ZoneId businessZone, Currency defaultCurrency) {
  public static final CoreSettings DEFAULTS =
      new CoreSettings(ZoneId.of("Asia/Shanghai"), Currency.CNY);

  public CoreSettings {
    checkNotNull(businessZone, "business zone");
    checkNotNull(defaultCurrency, "default currency");
  }
}
