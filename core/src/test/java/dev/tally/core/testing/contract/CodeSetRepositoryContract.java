package dev.tally.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.CodeSet;
import dev.tally.core.port.out.CodeSetRepository;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.CoreCodeSets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CodeSetRepository} does: it labels every code core stores, in the set core
 * stores it under, and lists sets by id and codes by code. Subclasses give a store as their schema
 * leaves it. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class CodeSetRepositoryContract {
  private UnitOfWork store;

  /** A store whose code sets are as its schema fills them; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openTheStore() {
    store = unitOfWork();
  }

  private List<CodeSet> all() {
    return store.inTransaction(repositories -> repositories.codeSets().all());
  }

  @Test
  public void labelsEveryCodeCoreStores() {
    Map<String, CodeSet> sets =
        all().stream().collect(Collectors.toMap(CodeSet::id, set -> set));

    CoreCodeSets.CODES.forEach(
        (id, codes) -> {
          assertThat(sets).as("code sets").containsKey(id);
          CodeSet set = sets.get(id);
          assertThat(set.name()).as("name of %s", id).isNotBlank();
          assertThat(set.codes())
              .as("codes of %s", id)
              .extracting(CodeSet.Label::code)
              .containsAll(codes);
          assertThat(set.codes())
              .as("labels of %s", id)
              .allSatisfy(label -> assertThat(label.label()).isNotBlank());
        });
  }

  @Test
  public void listsSetsByIdAndCodesByCode() {
    List<CodeSet> sets = all();

    assertThat(sets).extracting(CodeSet::id).isSorted();
    assertThat(sets)
        .allSatisfy(set -> assertThat(set.codes()).extracting(CodeSet.Label::code).isSorted());
  }
}
