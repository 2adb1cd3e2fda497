package dev.tally.http.route;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.Currency;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.Balances;
import dev.tally.http.json.JsonBody;
import java.util.Optional;

/**
 * The currency of an amount a request sends for a customer: the one the body names, else the
 * customer's own, else the default currency of a new customer. A body naming another currency
 * than the customer's is refused by the use case ({@code currency_mismatch}), never converted.
 */
final class CustomerCurrency {
  private final Balances balances;
  private final Currency defaultCurrency;

  CustomerCurrency(Balances balances, Currency defaultCurrency) {
    this.balances = balances;
    this.defaultCurrency = defaultCurrency;
  }

  Currency of(JsonBody body, OrgId org) {
    Optional<Currency> named = body.optionalCurrency("currency");
    if (named.isPresent()) {
      return named.get();
    }
    try {
      return balances.balance(org).currency();
    } catch (TallyException absent) {
      if (absent.code() != ErrorCode.NOT_FOUND) {
        throw absent;
      }
      return defaultCurrency;
    }
  }
}
