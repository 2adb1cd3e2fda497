package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The price of a usage under a programme, line by line: {@code total = round(subtotal x discount x
 * customerDiscount)}, rounded once to the money scale.
 *
 * @param priceListDate the enabled date of the price list that applied
 * @param discount the programme's discount multiplier
 * @param customerDiscount the discount of the customer with the reseller (1 when none), applied
 *     after the programme's
 */
public record PricingQuote(
    PricingProgramId programId,
    LocalDate priceListDate,
    List<QuoteLine> lines,
    BigDecimal subtotal,
    BigDecimal discount,
    BigDecimal customerDiscount,
    BigDecimal exactTotal,
    Money total) {

  public PricingQuote {
    lines = ImmutableList.copyOf(lines);
  }

  /** The quote of {@code lines} summing to {@code subtotal}, discounted and rounded once. */
  static PricingQuote of(
      PricingProgramId programId,
      LocalDate priceListDate,
      List<QuoteLine> lines,
      BigDecimal subtotal,
      BigDecimal discount,
      BigDecimal customerDiscount,
      Currency currency) {
    BigDecimal exact = subtotal.multiply(discount).multiply(customerDiscount);
    return new PricingQuote(
        programId, priceListDate, lines, subtotal, discount, customerDiscount, exact,
        Money.rounded(exact, currency));
  }

  /** This quote for a customer whose discount with the reseller is {@code multiplier}. */
  public PricingQuote forCustomer(BigDecimal multiplier) {
    checkNotNull(multiplier, "customer discount");
    return of(
        programId, priceListDate, lines, subtotal, discount, multiplier.stripTrailingZeros(),
        total.currency());
  }
}
