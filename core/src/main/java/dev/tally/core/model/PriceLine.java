package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One line of a price list, in the platform's shape {@code {price_factors, unit_prices, unit,
 * filters}}: factor {@code i} of the usage costs {@code usage[factor] / divisor(unit) x
 * unitPrices[i]}. The factor {@value #FLAT} is a fixed price per use, not divided. The line applies
 * only when every filter equals the use's attribute of that name.
 */
public record PriceLine(
    List<String> priceFactors, List<BigDecimal> unitPrices, String unit, Map<String, String> filters) {

  /** The factor name of a fixed price charged once per use. */
  public static final String FLAT = "flat";

  public PriceLine {
    priceFactors = ImmutableList.copyOf(priceFactors);
    unitPrices = unitPrices.stream().map(BigDecimal::stripTrailingZeros).collect(toImmutableList());
    checkArgument(!priceFactors.isEmpty(), "a price line prices at least one factor");
    checkArgument(
        priceFactors.size() == unitPrices.size(),
        "a price line has one unit price per factor: %s factors, %s prices",
        priceFactors.size(),
        unitPrices.size());
    unitPrices.forEach(
        price -> checkArgument(price.signum() >= 0, "unit price is negative: %s", price));
    checkNotNull(unit, "unit");
    filters = ImmutableMap.copyOf(filters);
  }

  /**
   * True when this line prices the use: every filter equals the attribute of the same name, and
   * the line is a flat price or prices at least one factor the usage reports.
   */
  public boolean appliesTo(Map<String, BigDecimal> usage, Map<String, String> attributes) {
    return matches(attributes)
        && priceFactors.stream().anyMatch(factor -> FLAT.equals(factor) || usage.containsKey(factor));
  }

  /** True when every filter of this line equals the attribute of the same name. */
  public boolean matches(Map<String, String> attributes) {
    return filters.entrySet().stream()
        .allMatch(filter -> filter.getValue().equals(attributes.get(filter.getKey())));
  }

  boolean hasDividedFactor() {
    return priceFactors.stream().anyMatch(factor -> !FLAT.equals(factor));
  }
}
