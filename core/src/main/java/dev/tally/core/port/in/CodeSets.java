package dev.tally.core.port.in;

import dev.tally.core.model.CodeSet;
import java.util.List;

/** The code sets with their display labels, for front ends that show codes. Thread-safe. */
public interface CodeSets {
  /** Every code set, by id, each with its codes by code. */
  List<CodeSet> all();
}
