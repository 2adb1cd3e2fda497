package dev.tally.persistence.jdbi;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.persistence.jdbi.internal.JdbiUnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * Tally's storage on a SQL database: the schema (Flyway migrations per dialect) and the {@link
 * UnitOfWork} over which core's repositories run, each unit of work one database transaction at
 * READ COMMITTED with row locks. The caller owns the {@link DataSource} (a pool) and closes it.
 * Thread-safe.
 */
public final class JdbiStorage {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final Jdbi jdbi;
  private final JdbiUnitOfWork unitOfWork;

  private JdbiStorage(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    this.unitOfWork = new JdbiUnitOfWork(jdbi);
  }

  /** Storage on {@code dataSource}, whose dialect is read from the database itself. */
  public static JdbiStorage create(DataSource dataSource) {
    checkNotNull(dataSource, "data source");
    try (Connection connection = dataSource.getConnection()) {
      return new JdbiStorage(
          dataSource, Dialect.fromProductName(connection.getMetaData().getDatabaseProductName()));
    } catch (SQLException e) {
      throw new StorageException("cannot connect to the database: " + e.getMessage(), e);
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
