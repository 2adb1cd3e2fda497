package dev.tally.persistence.jdbi.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A query of text parameters bound straight to the JDBC driver, its rows mapped by a row mapper
 * that reads only the row (it is given no statement context). A group of uses locks and reads its
 * rows this way: through JDBI, whose statement set-up, argument lookup and result plumbing run per
 * statement, these four queries were 54 of 304 JFR samples of B3. A driver failure is thrown as
 * JDBI's, so that units of work sort it as any other.
 */
final class DirectQuery {
  private DirectQuery() {}

  /** {@code count} placeholders separated by commas, for an {@code IN (...)} list. */
  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /** The rows of {@code sql} with {@code values} bound to its placeholders in order. */
  static <T> List<T> list(Handle handle, String sql, List<String> values, RowMapper<T> mapper) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        statement.setString(i + 1, values.get(i));
      }
      List<T> mapped = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          mapped.add(mapper.map(rows, null));
        }
      }
      return mapped;
    } catch (SQLException failure) {
      throw DirectBatch.failed(failure, sql);
    }
  }
}
