package dev.tally.core.port.in;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;

/** Pricing programmes (usually synced from upstream) and quotes. Thread-safe. */
public interface Pricing {
  /** Stores or replaces a programme (what a sync does for each programme it pulls). */
  PricingProgram save(PricingProgram program);

  PricingProgram program(PricingProgramId id);

  Page<PricingProgram> programs(PageRequest page);

  /** Prices a usage line by line; changes nothing. */
  PricingQuote quote(QuoteRequest request);
}
