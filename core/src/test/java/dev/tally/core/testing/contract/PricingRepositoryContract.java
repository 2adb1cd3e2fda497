package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.pricingProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.out.PricingRepository;
import dev.tally.core.port.out.UnitOfWork;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PricingRepository} does: it saves (inserts or replaces), finds, deletes and
 * lists programmes by id, with their dated price lists intact. Subclasses give a fresh, empty store
 * per test. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class PricingRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<PricingRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.pricing());
          return null;
        });
  }

  private <T> T read(Function<PricingRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.pricing()));
  }

  private Optional<PricingProgram> find(PricingProgramId id) {
    return read(pricing -> pricing.find(id));
  }

  private boolean delete(PricingProgramId id) {
    return read(pricing -> pricing.delete(id));
  }

  private Page<PricingProgram> list(PageRequest page) {
    return read(pricing -> pricing.list(page));
  }

  @Test
  public void roundTripsAProgrammeWithItsDatedPriceLists() {
    PricingProgram program = pricingProgram("prog-1");
    write(pricing -> pricing.save(program));

    assertThat(find(program.id())).contains(program);
  }

  @Test
  public void roundTripsAProgrammeWithoutPriceLists() {
    PricingProgram empty =
        new PricingProgram(
            PricingProgramId.of("prog-1"), "Nothing yet", Currency.of("USD"), BigDecimal.ONE,
            List.of(), 0);
    write(pricing -> pricing.save(empty));

    assertThat(find(empty.id())).contains(empty);
  }

  @Test
  public void findsNoProgrammeForAnUnknownId() {
    write(pricing -> pricing.save(pricingProgram("prog-1")));

    assertThat(find(PricingProgramId.of("prog-2"))).isEmpty();
  }

  @Test
  public void replacesAProgrammeSavedAgain() {
    write(pricing -> pricing.save(pricingProgram("prog-1")));
    PricingProgram newer =
        new PricingProgram(
            PricingProgramId.of("prog-1"), "Renamed", Currency.CNY, new BigDecimal("0.5"),
            pricingProgram("prog-1").priceLists().subList(1, 2), 4);

    write(pricing -> pricing.save(newer));

    assertThat(find(newer.id())).contains(newer);
    assertThat(list(PageRequest.firstPage()).total()).isEqualTo(1);
  }

  @Test
  public void deletesAProgrammeAndSaysWhetherThereWasOne() {
    write(
        pricing -> {
          pricing.save(pricingProgram("prog-1"));
          pricing.save(pricingProgram("prog-2"));
        });

    assertThat(delete(PricingProgramId.of("prog-1"))).isTrue();
    assertThat(delete(PricingProgramId.of("prog-1"))).isFalse();
    assertThat(delete(PricingProgramId.of("prog-3"))).isFalse();
    assertThat(find(PricingProgramId.of("prog-1"))).isEmpty();
    assertThat(find(PricingProgramId.of("prog-2"))).contains(pricingProgram("prog-2"));
  }

  @Test
  public void listsProgrammesByIdWithTotal() {
    write(
        pricing ->
            List.of("prog-c", "prog-a", "prog-e", "prog-b", "prog-d")
                .forEach(id -> pricing.save(pricingProgram(id))));

    Page<PricingProgram> first = read(pricing -> pricing.list(PageRequest.first(2)));
    Page<PricingProgram> last = read(pricing -> pricing.list(new PageRequest(3, 2)));

    assertThat(first.items()).containsExactly(pricingProgram("prog-a"), pricingProgram("prog-b"));
    assertThat(first.total()).isEqualTo(5);
    assertThat(last.items()).containsExactly(pricingProgram("prog-e"));
    assertThat(last.total()).isEqualTo(5);
  }
}
