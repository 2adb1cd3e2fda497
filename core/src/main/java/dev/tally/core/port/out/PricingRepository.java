package dev.tally.core.port.out;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import java.util.Optional;

/** The local copy of the pricing programmes ({@code pricing_cache}). */
public interface PricingRepository {
  /** Inserts or replaces a programme. */
  void save(PricingProgram program);

  /** Removes a programme; returns false when there was none. */
  boolean delete(PricingProgramId id);

  Optional<PricingProgram> find(PricingProgramId id);

  /** All programmes, by id. */
  Page<PricingProgram> list(PageRequest page);
}
