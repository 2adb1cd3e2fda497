package dev.tally.persistence.jdbi.internal;

import java.sql.Statement;
import java.util.List;

/** Checks on the row counts statements report. */
final class Rows {
  private Rows() {}

  /**
   * Each update of a batch must hit exactly its row. A driver that rewrites the batch into one
   * statement may report {@link Statement#SUCCESS_NO_INFO} instead of a count; that passes.
   */
  static void requireEachUpdated(int[] counts, String table, List<?> ids) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != Statement.SUCCESS_NO_INFO) {
        requireUpdated(counts[i], table, ids.get(i));
      }
    }
  }

  /** An update of a row that core read in the same unit of work must hit exactly that row. */
  static void requireUpdated(int updated, String table, Object id) {
    if (updated != 1) {
      throw new IllegalStateException(
          "update of " + table + " " + id + " changed " + updated + " rows, not 1");
    }
  }
}
