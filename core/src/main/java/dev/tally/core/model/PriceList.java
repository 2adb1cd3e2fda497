package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.collect.ImmutableMap.toImmutableMap;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dated version of a programme's prices: valid from {@code enabledDate} up to, not including,
 * {@code expiredDate}. Its {@code unitValues} map each unit name to its divisor (the platform
 * writes {@code 百万: 1000000} for per-million-token prices); every unit a line divides by must be
 * there.
 *
 * <p>A {@value PriceLine#FLAT} factor prices the use itself. When its line's unit is in {@code
 * unitValues} it is a price per that many units of the use's quantity ({@code 万字符: 10000}: 3.5
 * per 10,000 characters of a use of {@code used_amount} characters); when the unit is not there (or
 * the line names none) it is a fixed price per use.
 */
public record PriceList(
    LocalDate enabledDate,
    Optional<LocalDate> expiredDate,
    Map<String, BigDecimal> unitValues,
    List<PriceLine> lines) {

  public PriceList {
    checkNotNull(enabledDate, "enabled date");
    checkNotNull(expiredDate, "expired date");
    expiredDate.ifPresent(
        end -> checkArgument(end.isAfter(enabledDate), "a price list expires after it starts"));
    unitValues =
        unitValues.entrySet().stream()
            .collect(
                toImmutableMap(Map.Entry::getKey, entry -> entry.getValue().stripTrailingZeros()));
    unitValues.forEach(
        (unit, divisor) ->
            checkArgument(divisor.signum() > 0, "divisor of unit '%s' must be positive", unit));
    lines = ImmutableList.copyOf(lines);
    for (PriceLine line : lines) {
      checkArgument(
          !line.hasDividedFactor() || unitValues.containsKey(line.unit()),
          "price list of %s uses unit '%s' missing from its unit_values %s",
          enabledDate,
          line.unit(),
          unitValues.keySet());
    }
  }

  public boolean isValidOn(LocalDate date) {
    return !date.isBefore(enabledDate) && expiredDate.map(date::isBefore).orElse(true);
  }

  /** The divisor of {@code unit}, when this list defines the unit. */
  Optional<BigDecimal> divisorOf(String unit) {
    return Optional.ofNullable(unitValues.get(unit));
  }
}
