package dev.tally.core.port.in;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Optional;

/**
 * The discounts resellers give customer orgs, applied to each use's charge after the pricing
 * programme's discount. Thread-safe.
 */
public interface Discounts {
  /** Sets (or replaces) the discount of a (reseller, customer); later uses are charged with it. */
  CustomerDiscount set(SetDiscount command);

  /** The discount of a (reseller, customer); {@code not_found} when none is set. */
  CustomerDiscount discount(OrgId resellerOrgId, OrgId customerOrgId);

  Page<CustomerDiscount> discounts(
      Optional<OrgId> resellerOrgId, Optional<OrgId> customerOrgId, PageRequest page);

  /** Removes a discount, so that later uses are charged in full; {@code not_found} when none. */
  void remove(OrgId resellerOrgId, OrgId customerOrgId);
}
