package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pricing programme ({@code pricing_cache}, synced from upstream): date-versioned price lists and
 * a discount multiplier. {@link #quote} prices a usage map with the list valid on a date.
 *
 * @param discount multiplier applied to the sum of the lines ({@code 1} for none, {@code 0.8} for
 *     20% off)
 * @param version the upstream version this copy was synced at
 */
public record PricingProgram(
    PricingProgramId id,
    String name,
    Currency currency,
    BigDecimal discount,
    List<PriceList> priceLists,
    long version) {

  public PricingProgram {
    checkNotNull(id, "id");
    name = Text.name(name, 128, "pricing program name");
    checkNotNull(currency, "currency");
    checkNotNull(discount, "discount");
    checkArgument(discount.signum() >= 0, "discount is negative: %s", discount);
    discount = discount.stripTrailingZeros();
    priceLists = ImmutableList.copyOf(priceLists);
  }

  /** Prices a usage without a quantity (see {@link #quote(Map, Map, Optional, LocalDate)}). */
  public PricingQuote quote(
      Map<String, BigDecimal> usage, Map<String, String> attributes, LocalDate date) {
    return quote(usage, attributes, Optional.empty(), date);
  }

  /**
   * Prices a use under the list valid on {@code date}: every line that {@link PriceLine#appliesTo
   * applies} to its {@code usage} (factor name to count) and {@code attributes} contributes.
   * Refuses with {@code price_not_found} when no list is valid on the date or no line applies,
   * rather than pricing a use at zero.
   *
   * @param quantity the use's quantity ({@code used_amount}), which a flat line priced per N units
   *     divides; a quote without one cannot use such a line
   */
  public PricingQuote quote(
      Map<String, BigDecimal> usage,
      Map<String, String> attributes,
      Optional<BigDecimal> quantity,
      LocalDate date) {
    PriceList list =
        priceLists.stream()
            .filter(candidate -> candidate.isValidOn(date))
            .max(Comparator.comparing(PriceList::enabledDate))
            .orElseThrow(
                () ->
                    TallyException.of(
                        ErrorCode.PRICE_NOT_FOUND,
                        "pricing program %s has no price list valid on %s",
                        id,
                        date));
    List<QuoteLine> quoted = new ArrayList<>();
    BigDecimal subtotal = BigDecimal.ZERO;
    boolean matched = false;
    for (PriceLine line : list.lines()) {
      if (!line.appliesTo(usage, attributes)) {
        continue;
      }
      matched = true;
      for (int i = 0; i < line.priceFactors().size(); i++) {
        String factor = line.priceFactors().get(i);
        BigDecimal unitPrice = line.unitPrices().get(i);
        QuoteLine step =
            PriceLine.FLAT.equals(factor)
                ? flat(list, line, unitPrice, quantity)
                : divided(line, factor, usage.getOrDefault(factor, BigDecimal.ZERO),
                    list.divisorOf(line.unit()).orElseThrow(), unitPrice);
        quoted.add(step);
        subtotal = subtotal.add(step.amount());
      }
    }
    if (!matched) {
      throw TallyException.of(
          ErrorCode.PRICE_NOT_FOUND,
          "no price line of pricing program %s (list of %s) prices the usage %s with the"
              + " attributes %s",
          id,
          list.enabledDate(),
          usage.keySet(),
          attributes);
    }
    return PricingQuote.of(
        id, list.enabledDate(), quoted, subtotal, discount, BigDecimal.ONE, currency);
  }

  /** A flat factor: per N units of the use's quantity when the list defines its unit, else per use. */
  private QuoteLine flat(
      PriceList list, PriceLine line, BigDecimal unitPrice, Optional<BigDecimal> quantity) {
    Optional<BigDecimal> divisor = list.divisorOf(line.unit());
    if (divisor.isEmpty()) {
      return new QuoteLine(
          PriceLine.FLAT, BigDecimal.ONE, line.unit(), BigDecimal.ONE, unitPrice, unitPrice,
          line.filters());
    }
    BigDecimal used =
        quantity.orElseThrow(
            () ->
                TallyException.invalid(
                    "pricing program %s prices the use's quantity per %s %s (a flat line of the"
                        + " list of %s); give the quantity used to quote it",
                    id,
                    divisor.get().toPlainString(),
                    line.unit(),
                    list.enabledDate()));
    return divided(line, PriceLine.FLAT, used, divisor.get(), unitPrice);
  }

  private static QuoteLine divided(
      PriceLine line, String factor, BigDecimal used, BigDecimal divisor, BigDecimal unitPrice) {
    BigDecimal amount =
        used.multiply(unitPrice).divide(divisor, Rounding.INTERMEDIATE_SCALE, Rounding.MODE);
    return new QuoteLine(
        factor, used, line.unit(), divisor, unitPrice, amount.stripTrailingZeros(), line.filters());
  }
}
