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
import java.time.LocalDate;

/**
 * Pricing programmes and quotes. A quote reads its programme through the pricing cache, as a use
 * does, and applies the customer's discount when it names one, so that it shows what a use is
 * charged; a save invalidates the programme in the cache once it has committed.
 */
final class PricingService implements Pricing {
  private final Environment env;
  private final ReadThroughCache<PricingProgramId, PricingProgram> programs;

  PricingService(Environment env, ReadThroughCache<PricingProgramId, PricingProgram> programs) {
    this.env = env;
    this.programs = programs;
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
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              PricingQuote quote =
                  programs
                      .find(repos, request.programId())
                      .orElseThrow(
                          () -> TallyException.notFound("pricing program", request.programId()))
                      .quote(request.usage(), request.attributes(), request.quantity(), date);
              return request
                  .customer()
                  .map(
                      customer ->
                          quote.forCustomer(
                              DiscountService.multiplier(
                                  repos, customer.resellerOrgId(), customer.customerOrgId())))
                  .orElse(quote);
            });
  }

  private static PricingProgram find(Repositories repos, PricingProgramId id) {
    return repos
        .pricing()
        .find(id)
        .orElseThrow(() -> TallyException.notFound("pricing program", id));
  }
}
