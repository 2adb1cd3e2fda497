package dev.tally.core.model;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.List;

/**
 * One step of a {@link PricingQuote}: {@code usage / divisor x unitPrice = amount} for a factor.
 * For a flat factor priced per use, usage and divisor are 1; priced per N units of the use's
 * quantity, usage is that quantity and the divisor N. The amount is exact, not yet rounded.
 */
public record QuoteLine(
    String factor,
    BigDecimal usage,
    String unit,
    BigDecimal divisor,
    BigDecimal unitPrice,
    BigDecimal amount,
    List<PriceFilter> filters) {

  public QuoteLine {
    filters = ImmutableList.copyOf(filters);
  }
}
