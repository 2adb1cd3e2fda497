package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PricingProgramId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Asks what a usage would cost under a pricing programme on a date (today when empty).
 *
 * @param quantity the use's quantity ({@code used_amount}), needed by a flat line priced per N
 *     units
 * @param customer whose discount with which reseller to apply after the programme's
 */
public record QuoteRequest(
    PricingProgramId programId,
    Map<String, BigDecimal> usage,
    Map<String, String> attributes,
    Optional<BigDecimal> quantity,
    Optional<Customer> customer,
    Optional<LocalDate> date) {

  /** The customer a quote is for: a customer org of a reseller. */
  public record Customer(OrgId resellerOrgId, OrgId customerOrgId) {
    public Customer {
      checkNotNull(resellerOrgId, "reseller_org_id");
      checkNotNull(customerOrgId, "user_org_id");
    }
  }

  public QuoteRequest {
    checkNotNull(programId, "program_id");
    usage = ImmutableSortedMap.copyOf(usage);
    attributes = ImmutableSortedMap.copyOf(attributes);
    checkNotNull(quantity, "quantity");
    quantity.ifPresent(
        amount -> checkArgument(amount.signum() >= 0, "quantity is negative: %s", amount));
    checkNotNull(customer, "customer");
    checkNotNull(date, "date");
  }

  /** A quote of a usage for no customer in particular, without a quantity. */
  public QuoteRequest(
      PricingProgramId programId,
      Map<String, BigDecimal> usage,
      Map<String, String> attributes,
      Optional<LocalDate> date) {
    this(programId, usage, attributes, Optional.empty(), Optional.empty(), date);
  }
}
