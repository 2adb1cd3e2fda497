package dev.tally.core.model;

import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One step of a {@link PricingQuote}: {@code usage / divisor x unitPrice = amount} for a factor
 * (for a flat factor, usage and divisor are 1). The amount is exact, not yet rounded.
 */
public record QuoteLine(
    String factor,
    BigDecimal usage,
    String unit,
    BigDecimal divisor,
    BigDecimal unitPrice,
    BigDecimal amount,
    Map<String, String> filters) {

  public QuoteLine {
    filters = ImmutableMap.copyOf(filters);
  }
}
