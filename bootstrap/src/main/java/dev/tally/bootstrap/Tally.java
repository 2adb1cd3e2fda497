package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tally.core.port.in.Balances;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.Ledger;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.Pricing;
import dev.tally.core.port.in.Products;
import dev.tally.core.port.in.Subscriptions;
import dev.tally.core.port.out.Clock;
import dev.tally.core.service.TallyCore;
import dev.tally.core.service.TimeOrderedIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A ready Tally: the billing use cases over a database. {@link #open(TallyConfig)} builds a
 * connection pool from the configuration; {@link #builder()} takes a {@link DataSource} the
 * embedder owns. Either way the schema is migrated (or validated) first, and {@link #close()}
 * releases what Tally made. Thread-safe; share one instance.
 *
 * <pre>{@code
 * try (Tally tally = Tally.open(ConfigLoader.load(Optional.empty()))) {
 *   tally.balances().recharge(...);
 *   tally.metering().use(...);
 * }
 * }</pre>
 */
public final class Tally implements AutoCloseable {
  private final TallyCore core;
  private final Optional<HikariDataSource> ownedPool;
  private final Optional<Maintenance> maintenance;
  private final String databaseProduct;

  private Tally(
      TallyCore core,
      Optional<HikariDataSource> ownedPool,
      Optional<Maintenance> maintenance,
      String databaseProduct) {
    this.core = core;
    this.ownedPool = ownedPool;
    this.maintenance = maintenance;
    this.databaseProduct = databaseProduct;
  }

  /** Opens Tally on the configured database, with a connection pool of its own. */
  public static Tally open(TallyConfig config) {
    checkNotNull(config, "config");
    HikariDataSource pool = pool(config.database());
    try {
      return builder()
          .dataSource(pool)
          .migration(config.database().migration())
          .billing(config.billing())
          .maintenance(config.maintenance())
          .build(Optional.of(pool));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static HikariDataSource pool(DatabaseConfig database) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("tally");
    hikari.setJdbcUrl(database.url());
    hikari.setUsername(database.user());
    hikari.setPassword(database.password().reveal());
    hikari.setMaximumPoolSize(database.poolSize());
    hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "cannot connect to the database at " + database.url() + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  public Products products() {
    return core.products();
  }

  public Subscriptions subscriptions() {
    return core.subscriptions();
  }

  public Metering metering() {
    return core.metering();
  }

  public Balances balances() {
    return core.balances();
  }

  public Holds holds() {
    return core.holds();
  }

  public Ledger ledger() {
    return core.ledger();
  }

  public Pricing pricing() {
    return core.pricing();
  }

  /** Which database this Tally runs on (H2, POSTGRESQL or MYSQL), for health reports. */
  public String databaseProduct() {
    return databaseProduct;
  }

  /** Stops the background sweeps and closes the connection pool Tally opened (not a given one). */
  @Override
  public void close() {
    maintenance.ifPresent(Maintenance::close);
    ownedPool.ifPresent(HikariDataSource::close);
  }

  /** Builds a {@link Tally} over a {@link DataSource} the caller owns (and closes). */
  public static final class Builder {
    private DataSource dataSource;
    private MigrationMode migration = MigrationMode.MIGRATE;
    private BillingConfig billing = TallyConfig.defaults().billing();
    private MaintenanceConfig maintenance = new MaintenanceConfig(Duration.ofSeconds(30));
    private Clock clock = Clock.system();

    private Builder() {}

    public Builder dataSource(DataSource source) {
      this.dataSource = checkNotNull(source, "data source");
      return this;
    }

    public Builder migration(MigrationMode mode) {
      this.migration = checkNotNull(mode, "migration");
      return this;
    }

    public Builder billing(BillingConfig config) {
      this.billing = checkNotNull(config, "billing");
      return this;
    }

    public Builder maintenance(MaintenanceConfig config) {
      this.maintenance = checkNotNull(config, "maintenance");
      return this;
    }

    /** The clock of the world; the system clock unless a test moves time itself. */
    public Builder clock(Clock worldClock) {
      this.clock = checkNotNull(worldClock, "clock");
      return this;
    }

    public Tally build() {
      return build(Optional.empty());
    }

    private Tally build(Optional<HikariDataSource> ownedPool) {
      checkState(dataSource != null, "a Tally needs a data source");
      JdbiStorage storage = JdbiStorage.create(dataSource);
      switch (migration) {
        case MIGRATE -> storage.migrate();
        case VALIDATE -> storage.validate();
      }
      TallyCore core =
          new TallyCore(
              storage.unitOfWork(), clock, new TimeOrderedIds(clock), billing.toCoreSettings());
      Optional<Maintenance> sweeps =
          maintenance.isEnabled()
              ? Optional.of(
                  Maintenance.start(maintenance.interval(), core.holds(), core.subscriptions()))
              : Optional.empty();
      return new Tally(core, ownedPool, sweeps, storage.dialect().name());
    }
  }
}
