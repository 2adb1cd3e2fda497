package dev.tally.persistence.jdbi.internal;

import static com.google.common.base.Preconditions.checkState;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows inserted with PostgreSQL's {@code COPY ... FROM STDIN} in CSV, inside the unit of work's
 * transaction. A multi-row {@code INSERT} of a group's 256 ledger legs is a statement of 4,096
 * parameters that the server parses, plans and binds and the driver encodes one by one; COPY
 * streams the rows (3.0-3.2 ms against 2.3-2.4 ms for 256 legs, a one-connection loop on this
 * schema). Every text is quoted, so an empty one stays empty and an unquoted empty field is NULL;
 * values are written as {@link DirectBatch} binds them: instants as UTC, rounded to the
 * microsecond as the driver rounds them.
 */
final class CopyRows implements InsertRows {
  private final CopyManager copy;
  private final String sql;
  private final StringBuilder csv = new StringBuilder(8192);
  private boolean inRow;
  private long rows;

  private CopyRows(CopyManager copy, String sql) {
    this.copy = copy;
    this.sql = sql;
  }

  /** Rows for {@code sql}, a {@code COPY ... FROM STDIN (FORMAT csv)}. */
  static CopyRows prepare(Handle handle, String sql) {
    try {
      return new CopyRows(handle.getConnection().unwrap(PGConnection.class).getCopyAPI(), sql);
    } catch (SQLException failure) {
      throw DirectBatch.failed(failure, sql);
    }
  }

  @Override
  public CopyRows string(String value) {
    if (value == null) {
      return field(null);
    }
    startField();
    csv.append('"').append(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\"")).append('"');
    return this;
  }

  @Override
  public CopyRows decimal(BigDecimal value) {
    return field(value == null ? null : value.toPlainString());
  }

  @Override
  public CopyRows number(long value) {
    return field(Long.toString(value));
  }

  @Override
  public CopyRows timestamp(Instant value) {
    if (value == null) {
      return field(null);
    }
    int belowMicro = value.getNano() % 1_000;
    Instant micros = value.minusNanos(belowMicro).plusNanos(belowMicro >= 500 ? 1_000 : 0);
    LocalDateTime utc = LocalDateTime.ofInstant(micros, ZoneOffset.UTC);
    startField();
    // written by hand: a DateTimeFormatter took 10 of the 55 JFR samples of a group's COPY (B3)
    // years 1 to 9999 as four digits; PostgreSQL refuses a year below 1 written so, which fails
    // the group's unit of work and so applies each of its uses alone, by INSERT
    String year = Integer.toString(utc.getYear());
    csv.append("0000", Math.min(year.length(), 4), 4).append(year).append('-');
    twoDigits(utc.getMonthValue()).append('-');
    twoDigits(utc.getDayOfMonth()).append(' ');
    twoDigits(utc.getHour()).append(':');
    twoDigits(utc.getMinute()).append(':');
    twoDigits(utc.getSecond()).append('.');
    String fraction = Integer.toString(utc.getNano() / 1_000);
    csv.append("000000", fraction.length(), 6).append(fraction);
    return this;
  }

  @Override
  public CopyRows date(LocalDate value) {
    return field(value == null ? null : value.toString());
  }

  @Override
  public void addRow() {
    csv.append('\n');
    inRow = false;
    rows++;
  }

  @Override
  public void insert() {
    checkState(!inRow, "the last row was not ended");
    if (rows == 0) {
      return;
    }
    try {
      // as bytes: a Reader's characters would be widened and encoded again, chunk by chunk
      long copied =
          copy.copyIn(
              sql, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
      checkState(copied == rows, "COPY took %s of %s rows", copied, rows);
    } catch (SQLException failure) {
      throw DirectBatch.failed(failure, sql);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  @Override
  public void close() {
    // nothing is held: the rows went with insert(), on the unit of work's connection
  }

  private CopyRows field(String unquoted) {
    startField();
    if (unquoted != null) {
      csv.append(unquoted);
    }
    return this;
  }

  private StringBuilder twoDigits(int value) {
    return csv.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private void startField() {
    if (inRow) {
      csv.append(',');
    }
    inRow = true;
  }
}
