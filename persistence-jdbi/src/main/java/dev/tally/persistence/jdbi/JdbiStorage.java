package dev.tally.persistence.jdbi;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.persistence.jdbi.internal.JdbiUnitOfWork;
import dev.tally.persistence.jdbi.internal.SerialTransactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * Tally's storage on a SQL database: the schema (Flyway migrations per dialect) and the {@link
 * UnitOfWork} over which core's repositories run, each unit of work one database transaction at
 * READ COMMITTED with row locks. On H2 the units of work of one process run one at a time (see
 * {@link Dialect#oneTransactionAtATime()}). The caller owns the {@link DataSource} (a pool) and
 * closes it. Thread-safe.
 */
public final class JdbiStorage {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final Jdbi jdbi;
  private final JdbiUnitOfWork unitOfWork;

  private JdbiStorage(
      DataSource dataSource, Dialect dialect, Optional<Lock> oneAtATime, boolean poolIsReadCommitted) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    this.unitOfWork = new JdbiUnitOfWork(jdbi, oneAtATime, poolIsReadCommitted);
  }

  /**
   * Storage on {@code dataSource}, whose dialect is read from the database itself. When its first
   * connection comes at READ COMMITTED, every unit of work trusts the pool to keep handing them out
   * so (HikariCP's {@code transactionIsolation}, or the database's default, as on PostgreSQL and
   * H2) and never asks again; otherwise (MariaDB's default is REPEATABLE READ) each unit of work
   * sets READ COMMITTED itself.
   */
  public static JdbiStorage create(DataSource dataSource) {
    checkNotNull(dataSource, "data source");
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
      Optional<Lock> oneAtATime =
          dialect.oneTransactionAtATime()
              ? Optional.of(SerialTransactions.of(h2Database(connection)))
              : Optional.empty();
      boolean readCommitted = connection.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED;
      return new JdbiStorage(dataSource, dialect, oneAtATime, readCommitted);
    } catch (SQLException e) {
      throw new StorageException("cannot connect to the database: " + e.getMessage(), e);
    }
  }

  /**
   * Which H2 database a connection reaches: its file path, or for an in-memory one its URL
   * without settings; two pools on one database get the same answer.
   */
  private static String h2Database(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
      path.next();
      String file = path.getString(1);
      return file != null ? file : connection.getMetaData().getURL().split(";", 2)[0];
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Brings the schema to the latest version; returns how many migrations ran. */
  public int migrate() {
    try {
      return flyway().migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw new StorageException("database migration failed: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the schema is exactly at the latest version without changing it; fails naming
   * what differs (pending or unknown migrations).
   */
  public void validate() {
    try {
      flyway().validate();
    } catch (FlywayException e) {
      throw new StorageException("database schema is not at Tally's version: " + e.getMessage(), e);
    }
  }

  /** The unit of work core's use cases run in. */
  public UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  private Flyway flyway() {
    return flywayFor(dataSource, dialect);
  }

  /** Flyway on {@code dataSource} with Tally's migrations, filled in for {@code dialect}. */
  public static Flyway flywayFor(DataSource dataSource, Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(Dialect.MIGRATIONS)
        .placeholders(dialect.placeholders())
        .failOnMissingLocations(true)
        .load();
  }
}
