package dev.tally.core.port.out;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Stores the discounts resellers give their customers ({@code customer_discount}). */
public interface DiscountRepository {
  /** Inserts or replaces the discount of its (reseller, customer). */
  void save(CustomerDiscount discount);

  Optional<CustomerDiscount> find(OrgId resellerOrgId, OrgId customerOrgId);

  /**
   * The discounts a reseller gives any of {@code customerOrgIds}, by customer; customers without
   * one are absent. The default asks customer by customer; a database answers in one statement.
   */
  default Map<OrgId, CustomerDiscount> findAll(
      OrgId resellerOrgId, Collection<OrgId> customerOrgIds) {
    Map<OrgId, CustomerDiscount> found = new HashMap<>();
    for (OrgId customer : customerOrgIds) {
      find(resellerOrgId, customer).ifPresent(discount -> found.put(customer, discount));
    }
    return found;
  }

  /** Removes a discount; returns false when there was none. */
  boolean delete(OrgId resellerOrgId, OrgId customerOrgId);

  /** Discounts of one reseller, one customer, both or all, by reseller then customer. */
  Page<CustomerDiscount> list(
      Optional<OrgId> resellerOrgId, Optional<OrgId> customerOrgId, PageRequest page);
}
