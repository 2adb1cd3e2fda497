package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Rounding;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.out.Repositories;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The sell price of a use of a resource, before rounding: the resource's pricing programme applied
 * to the usage map (or to {@code {used_unit: used_amount}}), else {@code used x unit_price}; times
 * the customer's discount once {@link #discounted}.
 */
record SellPrice(BigDecimal exact, Currency currency) {

  SellPrice {
    MeteringService.recordable(exact, "charge");
  }

  /** The price of {@code use}, its programme read through {@code programs}. */
  static SellPrice of(
      Repositories repos,
      ReadThroughCache<PricingProgramId, PricingProgram> programs,
      ProductResource resource,
      UseCommand use,
      LocalDate date) {
    if (resource.pricingProgramId().isPresent()) {
      PricingProgram program =
          programs
              .find(repos, resource.pricingProgramId().get())
              .orElseThrow(
                  () ->
                      TallyException.of(
                          ErrorCode.PRICE_NOT_FOUND,
                          "pricing program %s of resource %s is not in the local cache",
                          resource.pricingProgramId().get(),
                          resource.id()));
      Map<String, BigDecimal> usage =
          use.usage().isEmpty()
              ? Map.of(resource.usedUnit().name(), use.used().amount())
              : use.usage();
      return new SellPrice(
          program
              .quote(usage, use.attributes(), Optional.of(use.used().amount()), date)
              .exactTotal(),
          program.currency());
    }
    UnitPrice price = resource.unitPrice().orElseThrow();
    return new SellPrice(price.times(use.used()), price.currency());
  }

  /** This price times a customer's discount multiplier, still unrounded. */
  SellPrice discounted(BigDecimal multiplier) {
    return new SellPrice(exact.multiply(multiplier), currency);
  }

  /** The whole price, rounded once. */
  Money rounded() {
    return Money.rounded(exact, currency);
  }

  /** The share of this price that {@code part} of {@code whole} accounts for, rounded once. */
  Money shareOf(Quantity part, Quantity whole) {
    BigDecimal share =
        exact
            .multiply(part.amount())
            .divide(whole.amount(), Rounding.INTERMEDIATE_SCALE, Rounding.MODE);
    return Money.rounded(share, currency);
  }
}
