package dev.tally.core.port.out;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Map;
import java.util.Optional;

/** Stores the discounts resellers give their customers ({@code customer_discount}). */
public interface DiscountRepository {
  /** Inserts or replaces the discount of its (reseller, customer). */
  void save(CustomerDiscount discount);

  Optional<CustomerDiscount> find(OrgId resellerOrgId, OrgId customerOrgId);

  /** Every discount {@code resellerOrgId} gives, by customer; customers without one are absent. */
  Map<OrgId, CustomerDiscount> findAllOf(OrgId resellerOrgId);

  /** Removes a discount; returns false when there was none. */
  boolean delete(OrgId resellerOrgId, OrgId customerOrgId);

  /** Discounts of one reseller, one customer, both or all, by reseller then customer. */
  Page<CustomerDiscount> list(
      Optional<OrgId> resellerOrgId, Optional<OrgId> customerOrgId, PageRequest page);
}
