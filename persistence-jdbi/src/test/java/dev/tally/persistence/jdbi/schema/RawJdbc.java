package dev.tally.persistence.jdbi.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Writes rows the way an older Tally left them, bypassing today's repositories. */
final class RawJdbc {
  private RawJdbc() {}

  /** Runs one insert; an {@link Instant} is stored as the UTC wall time Tally's columns hold. */
  static void insert(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        Object value = values[i];
        if (value instanceof Instant instant) {
          statement.setObject(i + 1, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
          statement.setObject(i + 1, value);
        }
      }
      statement.executeUpdate();
    }
  }
}
