package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.tally.core.auth.SecretSealer;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.Discounts;
import dev.tally.core.port.in.Sync;
import dev.tally.core.service.CacheReport;
import dev.tally.core.service.CacheSettings;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.GroupCommitSettings;
import dev.tally.core.service.SyncSettings;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
  /** The connections Flyway holds at once: one for its lock, one to migrate on. */
  private static final int FLYWAY_CONNECTIONS = 2;

  private final TallyCore core;
  private final Sync sync;
  private final Optional<OwnedDatabase> ownedDatabase;
  private final List<AutoCloseable> background;
  private final String databaseProduct;
  private final Clock clock;
  private final SyncConfig syncConfig;

  private Tally(
      TallyCore core,
      Sync sync,
      Optional<OwnedDatabase> ownedDatabase,
      List<AutoCloseable> background,
      String databaseProduct,
      Clock clock,
      SyncConfig syncConfig) {
    this.core = core;
    this.sync = sync;
    this.ownedDatabase = ownedDatabase;
    this.background = background;
    this.databaseProduct = databaseProduct;
    this.clock = clock;
    this.syncConfig = syncConfig;
  }

  /** Opens Tally on the configured database, with a connection pool of its own. */
  public static Tally open(TallyConfig config) {
    return open(config, Optional.empty());
  }

  /**
   * Opens Tally like {@link #open(TallyConfig)}, measuring into {@code metrics}: the connection
   * pool, the pricing cache and every sync run.
   */
  public static Tally open(TallyConfig config, MeterRegistry metrics) {
    return open(config, Optional.of(metrics));
  }

  private static Tally open(TallyConfig config, Optional<MeterRegistry> metrics) {
    checkNotNull(config, "config");
    OwnedDatabase database = OwnedDatabase.open(config.database(), metrics);
    try {
      database.prepareSchema(config.database());
      Builder builder =
          builder()
              .dataSource(database.pool())
              .migration(config.database().migration())
              .billing(config.billing())
              .maintenance(config.maintenance())
              .security(config.security())
              .sync(config.sync())
              .cache(config.cache())
              .metering(config.metering())
              .metrics(metrics);
      builder.schemaPrepared = true;
      return builder.build(Optional.of(database));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The pool Tally opened, and the embedded server under it when the URL names one. */
  private record OwnedDatabase(HikariDataSource pool, Optional<EmbeddedPostgresql> server)
      implements AutoCloseable {
    static OwnedDatabase open(DatabaseConfig database, Optional<MeterRegistry> metrics) {
      Optional<EmbeddedPostgresql> server = database.embeddedDirectory().map(EmbeddedPostgresql::start);
      try {
        return new OwnedDatabase(Tally.pool(database, "tally", database.poolSize(), server, metrics), server);
      } catch (RuntimeException e) {
        server.ifPresent(EmbeddedPostgresql::close);
        throw e;
      }
    }

    /**
     * Migrates (or validates) the schema on a short-lived pool of its own: Flyway keeps one
     * connection for its lock and runs the migrations on a second, which a pool of {@code
     * database.pool_size: 1} would never give it. The serving pool is open meanwhile, so an
     * in-memory H2 database outlives the schema pool.
     */
    void prepareSchema(DatabaseConfig database) {
      try (HikariDataSource schemaPool =
          Tally.pool(database, "tally-schema", FLYWAY_CONNECTIONS, server, Optional.empty())) {
        prepare(JdbiStorage.create(schemaPool), database.migration());
      }
    }

    @Override
    public void close() {
      try {
        pool.close();
      } finally {
        server.ifPresent(EmbeddedPostgresql::close);
      }
    }
  }

  private static HikariDataSource pool(
      DatabaseConfig database,
      String name,
      int size,
      Optional<EmbeddedPostgresql> server,
      Optional<MeterRegistry> metrics) {
    HikariConfig hikari = new HikariConfig();
    metrics.ifPresent(registry -> hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
    hikari.setPoolName(name);
    String url = server.map(EmbeddedPostgresql::jdbcUrl).orElse(database.url());
    hikari.setJdbcUrl(url);
    hikari.setUsername(server.isPresent() ? EmbeddedPostgresql.USER : database.user());
    hikari.setPassword(server.isPresent() ? "" : database.password().reveal());
    hikari.setMaximumPoolSize(size);
    // while the database is down, a request waits this long for a connection, then fails (503)
    hikari.setConnectionTimeout(database.connectionTimeout().toMillis());
    // every connection at READ COMMITTED from the pool, so a unit of work need not ask (JdbiStorage)
    hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    if (url.startsWith("jdbc:postgresql:")) {
      // a JDBC batch of inserts goes as multi-row INSERTs: one round trip, not one per row
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "cannot connect to the database at " + database.safeUrl() + ": " + rootMessage(e), e);
    }
  }

  private static void prepare(JdbiStorage storage, MigrationMode migration) {
    switch (migration) {
      case MIGRATE -> storage.migrate();
      case VALIDATE -> storage.validate();
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

  public Credentials credentials() {
    return core.credentials();
  }

  public Discounts discounts() {
    return core.discounts();
  }

  /** The upstream sync and the local catalogue caches, every run measured when metrics are on. */
  public Sync sync() {
    return sync;
  }

  /** The use cases together, for a front end that serves them all (the HTTP server). */
  public TallyCore core() {
    return core;
  }

  /** Which database this Tally runs on (H2, POSTGRESQL or MYSQL), for health reports. */
  public String databaseProduct() {
    return databaseProduct;
  }

  /** Whether the database answers and how fresh each configured sync is. */
  public TallyHealth health() {
    boolean databaseUp = databaseIsUp();
    List<TallyHealth.Freshness> freshness =
        databaseUp && syncConfig.isConfigured() ? freshness() : List.of();
    return new TallyHealth(databaseUp, freshness);
  }

  private boolean databaseIsUp() {
    try {
      core.balances().balances(Optional.empty(), PageRequest.first(1));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private List<TallyHealth.Freshness> freshness() {
    Instant now = clock.now();
    Map<SyncEntity, SyncState> states = new EnumMap<>(SyncEntity.class);
    sync.states().forEach(state -> states.put(state.entity(), state));
    return syncConfig.entities().entrySet().stream()
        .map(
            entry -> {
              SyncState state = states.get(entry.getKey());
              Duration interval = entry.getValue().interval();
              // synced only on demand, it has no interval to be late by: stale until its first sync
              boolean stale =
                  state
                      .lastSuccessAt()
                      .map(
                          last ->
                              !interval.isZero()
                                  && last.plus(interval.multipliedBy(syncConfig.staleAfterIntervals()))
                                      .isBefore(now))
                      .orElse(true);
              return new TallyHealth.Freshness(
                  entry.getKey(), state.status(), state.lastSuccessAt(), interval.isZero(), stale);
            })
        .toList();
  }

  /**
   * Stops the background work and closes the connection pool Tally opened (not a given one), and
   * the embedded database under it.
   */
  @Override
  public void close() {
    for (AutoCloseable work : background) {
      try {
        work.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop " + work, e);
      }
    }
    ownedDatabase.ifPresent(OwnedDatabase::close);
  }

  /** Builds a {@link Tally} over a {@link DataSource} the caller owns (and closes). */
  public static final class Builder {
    private DataSource dataSource;
    private MigrationMode migration = MigrationMode.MIGRATE;
    private BillingConfig billing = TallyConfig.defaults().billing();
    private MaintenanceConfig maintenance = new MaintenanceConfig(Duration.ofSeconds(30));
    private SecurityConfig security = TallyConfig.defaults().security();
    private SyncConfig sync = TallyConfig.defaults().sync();
    private CacheConfig cache = TallyConfig.defaults().cache();
    private MeteringConfig metering = TallyConfig.defaults().metering();
    private Optional<MeterRegistry> metrics = Optional.empty();
    private Clock clock = Clock.system();
    // set by open(): the schema was migrated or validated on a pool of its own before the build
    private boolean schemaPrepared;

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

    public Builder security(SecurityConfig config) {
      this.security = checkNotNull(config, "security");
      return this;
    }

    public Builder sync(SyncConfig config) {
      this.sync = checkNotNull(config, "sync");
      return this;
    }

    /** Group commit of uses. */
    public Builder metering(MeteringConfig config) {
      this.metering = checkNotNull(config, "metering");
      return this;
    }

    public Builder cache(CacheConfig config) {
      this.cache = checkNotNull(config, "cache");
      return this;
    }

    /** Where the pricing cache and the sync runs are measured. */
    public Builder metrics(Optional<MeterRegistry> registry) {
      this.metrics = checkNotNull(registry, "metrics");
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

    private Tally build(Optional<OwnedDatabase> ownedDatabase) {
      checkState(dataSource != null, "a Tally needs a data source");
      JdbiStorage storage = JdbiStorage.create(dataSource);
      if (!schemaPrepared) {
        prepare(storage, migration);
      }
      TallyCore.Builder coreBuilder =
          TallyCore.builder(storage.unitOfWork(), clock, new TimeOrderedIds(clock))
              .settings(coreSettings())
              .upstream(Upstreams.gateway(sync));
      // an embedded database's folder is held by one process at a time (see EmbeddedPostgresql)
      if (ownedDatabase.flatMap(OwnedDatabase::server).isPresent()) {
        coreBuilder.onlyWriter();
      }
      TallyCore core = coreBuilder.build();
      if (!security.adminKey().isEmpty()) {
        core.credentials().ensureAdminKey(security.adminKey().reveal());
      }
      Sync meteredSync = metrics.<Sync>map(registry -> new MeteredSync(core.sync(), registry)).orElse(core.sync());
      metrics.ifPresent(registry -> measureCaches(core, registry));
      metrics.ifPresent(registry -> measureGroupCommit(core, registry));
      List<AutoCloseable> background = new ArrayList<>();
      if (maintenance.isEnabled()) {
        background.add(
            Maintenance.start(
                maintenance.interval(), core.holds(), core.subscriptions(), core.credentials()));
      }
      if (sync.isConfigured()) {
        background.add(SyncScheduler.start(sync, meteredSync));
      }
      return new Tally(
          core, meteredSync, ownedDatabase, List.copyOf(background), storage.dialect().name(), clock, sync);
    }

    private CoreSettings coreSettings() {
      CoreSettings settings =
          new CoreSettings(
                  billing.businessZone(),
                  billing.defaultCurrency(),
                  Optional.empty(),
                  security.timestampWindow())
              .withSync(
                  new SyncSettings(
                      sync.pageSize(),
                      SyncSettings.DEFAULTS.leaseTtl(),
                      SyncSettings.DEFAULTS.retryBase(),
                      SyncSettings.DEFAULTS.retryCap(),
                      sync.maxAttempts(),
                      Optional.empty()))
              .withPricingCache(new CacheSettings(cache.pricingMaxSize(), cache.pricingTtl()))
              .withCatalogCache(new CacheSettings(cache.catalogMaxSize(), cache.catalogTtl()))
              .withProductCache(new CacheSettings(cache.productsMaxSize(), cache.productsTtl()))
              .withKeyCache(new CacheSettings(cache.keysMaxSize(), cache.keysTtl()))
              .withGroupCommit(
                  new GroupCommitSettings(
                      metering.groupCommitEnabled(),
                      metering.groupCommitMaxItems(),
                      metering.groupCommitMaxWait(),
                      metering.groupCommitLanes()));
      return security.masterKey().isEmpty()
          ? settings
          : settings.withSecretSealer(SecretSealer.withMasterKey(security.masterKey().reveal()));
    }

    /** Exports each in-process cache's size, hits, misses and evictions. */
    private static void measureCaches(TallyCore core, MeterRegistry registry) {
      for (CacheReport report : core.caches()) {
        String name = report.name();
        Gauge.builder("tally.cache.size", core, c -> cache(c, name).size())
            .tag("cache", name)
            .register(registry);
        FunctionCounter.builder("tally.cache.hits", core, c -> cache(c, name).hits())
            .tag("cache", name)
            .register(registry);
        FunctionCounter.builder("tally.cache.misses", core, c -> cache(c, name).misses())
            .tag("cache", name)
            .register(registry);
        FunctionCounter.builder("tally.cache.evictions", core, c -> cache(c, name).evictions())
            .tag("cache", name)
            .register(registry);
      }
    }

    /**
     * Exports how many groups of uses were applied together and how many fell back to one by one
     * (each of their uses applied alone after the group's unit of work failed).
     */
    private static void measureGroupCommit(TallyCore core, MeterRegistry registry) {
      FunctionCounter.builder("tally.group_commit.groups", core, c -> c.groupCommit().groups())
          .register(registry);
      FunctionCounter.builder(
              "tally.group_commit.grouped_uses", core, c -> c.groupCommit().groupedUses())
          .register(registry);
      FunctionCounter.builder(
              "tally.group_commit.groups_applied_alone",
              core,
              c -> c.groupCommit().groupsAppliedAlone())
          .register(registry);
    }

    private static CacheReport cache(TallyCore core, String name) {
      return core.caches().stream().filter(report -> report.name().equals(name)).findFirst().orElseThrow();
    }
  }
}
