package dev.tally.persistence.jdbi.internal;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * New rows of one table, given value by value in the order of its columns and inserted together:
 * many with {@code COPY} on PostgreSQL ({@link CopyRows}), else as a JDBC batch of {@code INSERT}s
 * ({@link DirectBatch}). A group of uses inserts its usage rows and ledger legs this way.
 */
interface InsertRows extends AutoCloseable {
  /**
   * From how many rows COPY is used. Below, a prepared INSERT costs the server less than setting up
   * a COPY: a lone use's one usage row and four legs by COPY cost B2 (16 threads, CPU-bound) 15%
   * of its rate, where a hot customer's groups of 64 uses gained 15% (docs/persistence.md).
   */
  int COPY_FROM_ROWS = 16;

  InsertRows string(String value);

  InsertRows decimal(BigDecimal value);

  InsertRows number(long value);

  InsertRows timestamp(Instant value);

  InsertRows date(LocalDate value);

  /** Ends the row whose values were given since the last one. */
  void addRow();

  /** Inserts the rows ended; a driver failure is thrown as JDBI's. */
  void insert();

  @Override
  void close();

  /** The columns of a table that rows fill, and the statements that insert them, made once. */
  record Target(String insert, String copy) {
    /** {@code columns} of {@code table}, in the order each row gives its values. */
    static Target of(String table, List<String> columns) {
      String names = String.join(", ", columns);
      return new Target(
          "INSERT INTO " + table + " (" + names + ") VALUES ("
              + DirectQuery.placeholders(columns.size()) + ")",
          "COPY " + table + " (" + names + ") FROM STDIN (FORMAT csv)");
    }
  }

  /**
   * About {@code rows} rows for {@code target}. COPY where the connection is PostgreSQL's driver
   * (what it needs, whatever the dialect was named), else the batch.
   */
  static InsertRows into(Handle handle, Target target, int rows) {
    if (rows >= COPY_FROM_ROWS && speaksPostgresql(handle)) {
      return CopyRows.prepare(handle, target.copy());
    }
    return DirectBatch.prepare(handle, target.insert());
  }

  private static boolean speaksPostgresql(Handle handle) {
    try {
      return handle.getConnection().isWrapperFor(PGConnection.class);
    } catch (SQLException failure) {
      return false;
    }
  }
}
