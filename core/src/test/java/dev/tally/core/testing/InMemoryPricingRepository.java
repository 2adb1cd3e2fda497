package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.out.PricingRepository;
import java.util.Comparator;
import java.util.Optional;

/** Pricing programmes in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemoryPricingRepository implements PricingRepository {
  private final Table<PricingProgramId, PricingProgram> programs;

  InMemoryPricingRepository(InMemoryStore store) {
    this.programs =
        new Table<>(store, "pricing program", Comparator.comparing(PricingProgramId::value));
  }

  @Override
  public void save(PricingProgram program) {
    checkNotNull(program, "program");
    programs.put(program.id(), program);
  }

  @Override
  public boolean delete(PricingProgramId id) {
    return programs.delete(id);
  }

  @Override
  public Optional<PricingProgram> find(PricingProgramId id) {
    return programs.find(id);
  }

  @Override
  public Page<PricingProgram> list(PageRequest page) {
    return Pages.of(programs.stream().toList(), page);
  }
}
