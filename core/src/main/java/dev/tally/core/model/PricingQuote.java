package dev.tally.core.model;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The price of a usage under a programme, line by line: {@code total = round(subtotal x
 * discount)}, rounded once to the money scale.
 *
 * @param priceListDate the enabled date of the price list that applied
 */
public record PricingQuote(
    PricingProgramId programId,
    LocalDate priceListDate,
    List<QuoteLine> lines,
    BigDecimal subtotal,
    BigDecimal discount,
    BigDecimal exactTotal,
    Money total) {

  public PricingQuote {
    lines = ImmutableList.copyOf(lines);
  }
}
