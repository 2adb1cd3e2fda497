package dev.tally.core.port.in;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Optional;

/** Customer balances: recharge, adjust, credit limit, suspension. Thread-safe. */
public interface Balances {
  /** Opens an empty balance; refused ({@code already_exists}) when the org has one. */
  CustomerBalance open(OrgId orgId, Currency currency);

  CustomerBalance balance(OrgId orgId);

  Page<CustomerBalance> balances(Optional<BalanceStatus> status, PageRequest page);

  /** Adds money, opening the balance on first use. Idempotent on the recharge's reference. */
  CustomerBalance recharge(Recharge command);

  CustomerBalance adjust(Adjust command);

  /**
   * Sets the credit limit, opening the balance on first use. Refused ({@code
   * credit_limit_too_low}) when the customer has already committed more than the new limit allows.
   */
  CustomerBalance setCreditLimit(OrgId orgId, Money creditLimit);

  CustomerBalance suspend(OrgId orgId);

  CustomerBalance resume(OrgId orgId);
}
