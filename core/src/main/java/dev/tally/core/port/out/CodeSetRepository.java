package dev.tally.core.port.out;

import dev.tally.core.model.CodeSet;
import java.util.List;

/**
 * The code sets and their labels ({@code appcodes}, {@code appcodes_kv}). Read only: the schema
 * fills them.
 */
public interface CodeSetRepository {
  /** Every code set, by id, each with its codes by code. */
  List<CodeSet> all();
}
