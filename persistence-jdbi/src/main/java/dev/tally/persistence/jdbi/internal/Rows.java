package dev.tally.persistence.jdbi.internal;

/** Checks on the row counts statements report. */
final class Rows {
  private Rows() {}

  /** An update of a row that core read in the same unit of work must hit exactly that row. */
  static void requireUpdated(int updated, String table, Object id) {
    if (updated != 1) {
      throw new IllegalStateException(
          "update of " + table + " " + id + " changed " + updated + " rows, not 1");
    }
  }
}
