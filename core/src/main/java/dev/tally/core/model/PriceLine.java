package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a price list, in the platform's shape {@code {price_factors, unit_prices, unit,
 * filters}}: factor {@code i} of the usage costs {@code usage[factor] / divisor(unit) x
 * unitPrices[i]}. The factor {@value #FLAT} prices the use itself (see {@link PriceList}). The line
 * applies only when every one of its {@link PriceFilter filters} holds.
 */
public record PriceLine(
    List<String> priceFactors, List<BigDecimal> unitPrices, String unit, List<PriceFilter> filters) {

  /** The factor name that prices the use itself rather than one of its usage counts. */
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
    filters = ImmutableList.copyOf(filters);
  }

  /**
   * True when this line prices the use: every filter holds, and the line is a flat price or prices
   * at least one factor the usage reports.
   */
  public boolean appliesTo(Map<String, BigDecimal> usage, Map<String, String> attributes) {
    return matches(usage, attributes)
        && priceFactors.stream().anyMatch(factor -> FLAT.equals(factor) || usage.containsKey(factor));
  }

  /**
   * True when every filter holds for the use's attribute of its name or, lacking one, its usage
   * count of that name.
   */
  public boolean matches(Map<String, BigDecimal> usage, Map<String, String> attributes) {
    return filters.stream()
        .allMatch(filter -> valueOf(filter.name(), usage, attributes).map(filter::test).orElse(false));
  }

  private static Optional<String> valueOf(
      String name, Map<String, BigDecimal> usage, Map<String, String> attributes) {
    String attribute = attributes.get(name);
    if (attribute != null) {
      return Optional.of(attribute);
    }
    return Optional.ofNullable(usage.get(name)).map(BigDecimal::toPlainString);
  }

  boolean hasDividedFactor() {
    return priceFactors.stream().anyMatch(factor -> !FLAT.equals(factor));
  }
}
