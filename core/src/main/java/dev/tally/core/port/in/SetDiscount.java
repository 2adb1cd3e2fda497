package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import java.math.BigDecimal;

/** Sets the discount a reseller gives a customer org: a multiplier from 0 to 1. */
public record SetDiscount(OrgId resellerOrgId, OrgId customerOrgId, BigDecimal multiplier) {
  public SetDiscount {
    checkNotNull(resellerOrgId, "reseller_org_id");
    checkNotNull(customerOrgId, "user_org_id");
    multiplier = CustomerDiscount.checkMultiplier(multiplier);
  }
}
