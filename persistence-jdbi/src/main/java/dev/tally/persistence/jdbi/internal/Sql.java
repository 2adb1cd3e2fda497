package dev.tally.persistence.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;

/**
 * Conversions shared by the repositories. Instants are stored as UTC wall-clock timestamps and
 * passed to the driver as {@code LocalDateTime} ({@code setObject}), never through
 * {@code java.sql.Timestamp}, so that the JVM's time zone plays no part.
 */
final class Sql {
  private Sql() {}

  /** An instant as a UTC timestamp argument; null binds SQL NULL. */
  static Argument timestamp(Instant instant) {
    if (instant == null) {
      return (position, statement, context) -> statement.setNull(position, Types.TIMESTAMP);
    }
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    return (position, statement, context) -> statement.setObject(position, utc);
  }

  static Argument timestamp(Optional<Instant> instant) {
    return timestamp(instant.orElse(null));
  }

  static Argument date(LocalDate date) {
    return (position, statement, context) -> statement.setObject(position, date);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return optionalInstant(rs, column)
        .orElseThrow(() -> new IllegalStateException(column + " is NULL"));
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return Optional.ofNullable(value).map(utc -> utc.toInstant(ZoneOffset.UTC));
  }

  static LocalDate date(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, LocalDate.class);
  }
}
