package dev.tally.core.testing;

import dev.tally.core.model.CodeSet;
import dev.tally.core.port.out.CodeSetRepository;
import java.util.List;

/**
 * Core's code sets, each code labelled by itself: the real labels are data, which the database
 * schema brings.
 */
final class InMemoryCodeSetRepository implements CodeSetRepository {
  private static final List<CodeSet> SETS =
      CoreCodeSets.CODES.entrySet().stream()
          .map(
              set ->
                  new CodeSet(
                      set.getKey(),
                      set.getKey(),
                      set.getValue().stream().map(code -> new CodeSet.Label(code, code)).toList()))
          .toList();

  @Override
  public List<CodeSet> all() {
    return SETS;
  }
}
