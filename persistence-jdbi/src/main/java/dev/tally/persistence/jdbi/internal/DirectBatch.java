package dev.tally.persistence.jdbi.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Rows of one statement bound straight to the JDBC driver, in the order of its {@code ?}
 * parameters. The use path writes its rows this way (on PostgreSQL, inserts of many rows go with
 * {@link CopyRows} instead, see {@link InsertRows#into}): JDBI looks up an argument factory for
 * every value it binds, which took more of the JVM's CPU per use than the driver's own work.
 * Values are bound as {@link Sql} binds them (instants as UTC {@code LocalDateTime}). One row is
 * executed as a plain update, more as one batch; a driver failure is thrown as JDBI's, so that
 * units of work sort it as any other.
 */
final class DirectBatch implements InsertRows {
  private final PreparedStatement statement;
  private final String sql;
  private int parameter;
  // the last row ended is added to the batch only when another follows
  private boolean rowEnded;
  private boolean batched;

  private DirectBatch(PreparedStatement statement, String sql) {
    this.statement = statement;
    this.sql = sql;
  }

  static DirectBatch prepare(Handle handle, String sql) {
    try {
      return new DirectBatch(handle.getConnection().prepareStatement(sql), sql);
    } catch (SQLException failure) {
      throw failed(failure, sql);
    }
  }

  @Override
  public DirectBatch string(String value) {
    return set(value, Types.VARCHAR);
  }

  @Override
  public DirectBatch decimal(BigDecimal value) {
    return set(value, Types.DECIMAL);
  }

  @Override
  public DirectBatch number(long value) {
    return set(value, Types.BIGINT);
  }

  @Override
  public DirectBatch timestamp(Instant value) {
    return set(
        value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP);
  }

  @Override
  public DirectBatch date(LocalDate value) {
    return set(value, Types.DATE);
  }

  /** Ends the row whose parameters were set since the last one. */
  @Override
  public void addRow() {
    rowEnded = true;
    parameter = 0;
  }

  /** Executes the rows ended; the count of rows each changed, as the driver reports it. */
  int[] execute() {
    try {
      if (!batched) {
        return rowEnded ? new int[] {statement.executeUpdate()} : new int[0];
      }
      addPendingRow();
      return statement.executeBatch();
    } catch (SQLException failure) {
      throw failed(failure, sql);
    }
  }

  @Override
  public void insert() {
    execute();
  }

  @Override
  public void close() {
    try {
      statement.close();
    } catch (SQLException failure) {
      throw failed(failure, sql);
    }
  }

  private DirectBatch set(Object value, int sqlType) {
    try {
      if (parameter == 0) {
        addPendingRow();
      }
      parameter++;
      if (value == null) {
        statement.setNull(parameter, sqlType);
      } else {
        statement.setObject(parameter, value);
      }
    } catch (SQLException failure) {
      throw failed(failure, sql);
    }
    return this;
  }

  private void addPendingRow() throws SQLException {
    if (rowEnded) {
      statement.addBatch();
      rowEnded = false;
      batched = true;
    }
  }

  static UnableToExecuteStatementException failed(SQLException failure, String sql) {
    // a batch's own message only points at the failure of its row
    SQLException shown = failure.getNextException() != null ? failure.getNextException() : failure;
    return new UnableToExecuteStatementException(
        shown.getMessage() + " [statement: " + sql + "]", failure, null);
  }
}
