package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Currency;
import java.time.ZoneId;

/**
 * The billing rules' settings ({@code billing.*}).
 *
 * @param businessZone the zone of business dates (ledger {@code biz_date}, price-list dates)
 * @param defaultCurrency the currency of a balance opened without one
 */
public record BillingConfig(ZoneId businessZone, Currency defaultCurrency) {
  public BillingConfig {
    checkNotNull(businessZone, "business zone");
    checkNotNull(defaultCurrency, "default currency");
  }
}
