package dev.tally.core.service;

import dev.tally.core.error.TallyException;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.port.in.Pricing;
import dev.tally.core.port.in.QuoteRequest;
import dev.tally.core.port.out.Repositories;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Pricing programmes and quotes. A quote reads its programme through the pricing cache, as a use
 * does, and applies the customer's discount when it names one, so that it shows what a use is
 * charged; a save invalidates the programme in the cache once it has committed.
 */
final class PricingService implements Pricing {
  private final Environment env;
  private final ReadThroughCache<PricingProgramId, PricingProgram> programs;
  private final CatalogueCache catalogue;

  PricingService(
      Environment env,
      ReadThroughCache<PricingProgramId, PricingProgram> programs,
      CatalogueCache catalogue) {
    this.env = env;
    this.programs = programs;
    this.catalogue = catalogue;
  }

  @Override
  public PricingProgram save(PricingProgram program) {
    try {
      return env.unitOfWork()
          .inTransaction(
              repos -> {
                repos.pricing().save(program);
                return program;
              });
    } finally {
      // also when the commit failed: whether it happened is then unknown
      programs.invalidate(program.id());
    }
  }

  @Override
  public PricingProgram program(PricingProgramId id) {
    return env.unitOfWork().inTransaction(repos -> find(repos, id));
  }

  @Override
  public Page<PricingProgram> programs(PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.pricing().list(page));
  }

  @Override
  public PricingQuote quote(QuoteRequest request) {
    LocalDate date = request.date().orElseGet(() -> env.bizDate(env.now()));
    // warm caches answer without a unit of work: a quote is a read, and these are what a use sees
    Optional<PricingProgram> cachedProgram = programs.cached(request.programId());
    Optional<Optional<BigDecimal>> cachedDiscount =
        request.customer().isEmpty()
            ? Optional.of(Optional.empty())
            : catalogue
                .cachedDiscountMultiplier(
                    request.customer().get().resellerOrgId(),
                    request.customer().get().customerOrgId())
                .map(Optional::of);
    if (cachedProgram.isPresent() && cachedDiscount.isPresent()) {
      return quote(cachedProgram.get(), cachedDiscount.get(), request, date);
    }
    return env.unitOfWork()
        .inTransaction(
            repos ->
                quote(
                    programs
                        .find(repos, request.programId())
                        .orElseThrow(
                            () -> TallyException.notFound("pricing program", request.programId())),
                    request
                        .customer()
                        .map(
                            customer ->
                                catalogue.discountMultiplier(
                                    repos, customer.resellerOrgId(), customer.customerOrgId())),
                    request,
                    date));
  }

  /** The programme's quote, for the customer when {@code discount} is present. */
  private static PricingQuote quote(
      PricingProgram program, Optional<BigDecimal> discount, QuoteRequest request, LocalDate date) {
    PricingQuote quote =
        program.quote(request.usage(), request.attributes(), request.quantity(), date);
    return discount.map(quote::forCustomer).orElse(quote);
  }

  private static PricingProgram find(Repositories repos, PricingProgramId id) {
    return repos
        .pricing()
        .find(id)
        .orElseThrow(() -> TallyException.notFound("pricing program", id));
  }
}
