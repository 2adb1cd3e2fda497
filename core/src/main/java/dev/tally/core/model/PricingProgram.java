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

  /**
   * Prices {@code usage} (factor name to amount) under the list valid on {@code date}: every line
   * that {@link PriceLine#appliesTo applies} contributes. Refuses with {@code price_not_found}
   * when no list is valid on the date or no line applies, rather than pricing a use at zero.
   */
  public PricingQuote quote(
      Map<String, BigDecimal> usage, Map<String, String> attributes, LocalDate date) {
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
        QuoteLine step =
            price(list, line, line.priceFactors().get(i), line.unitPrices().get(i), usage);
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
    BigDecimal exact = subtotal.multiply(discount);
    return new PricingQuote(
        id, list.enabledDate(), quoted, subtotal, discount, exact, Money.rounded(exact, currency));
  }

  private static QuoteLine price(
      PriceList list, PriceLine line, String factor, BigDecimal unitPrice, Map<String, BigDecimal> usage) {
    if (PriceLine.FLAT.equals(factor)) {
      return new QuoteLine(
          factor, BigDecimal.ONE, line.unit(), BigDecimal.ONE, unitPrice, unitPrice, line.filters());
    }
    BigDecimal used = usage.getOrDefault(factor, BigDecimal.ZERO);
    BigDecimal divisor = list.divisorOf(line.unit());
    BigDecimal amount =
        used.multiply(unitPrice).divide(divisor, Rounding.INTERMEDIATE_SCALE, Rounding.MODE);
    return new QuoteLine(
        factor, used, line.unit(), divisor, unitPrice, amount.stripTrailingZeros(), line.filters());
  }
}
