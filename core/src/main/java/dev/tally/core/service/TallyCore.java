package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.in.Balances;
import dev.tally.core.port.in.CodeSets;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.Discounts;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.Ledger;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.Pricing;
import dev.tally.core.port.in.Products;
import dev.tally.core.port.in.Subscriptions;
import dev.tally.core.port.in.Sync;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.IdGenerator;
import dev.tally.core.port.out.Pause;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.CatalogEntry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The billing engine wired onto its driven ports: the one public entry into core's use cases.
 * Bootstrap builds it over the database adapters; tests build it over the in-memory ports.
 * Thread-safe: the use cases keep no state of their own beyond the in-process caches, which are
 * safe to share.
 *
 * <pre>{@code
 * TallyCore core = TallyCore.builder(unitOfWork, clock, ids)
 *     .settings(settings)
 *     .upstream(gateway)           // without it, a sync fails: no upstream configured
 *     .build();
 * }</pre>
 */
public final class TallyCore {
  private final Products products;
  private final Subscriptions subscriptions;
  private final MeteringService meteringService;
  private final Balances balances;
  private final Holds holds;
  private final Ledger ledger;
  private final Pricing pricing;
  private final CredentialService credentials;
  private final Optional<QuotaReads> quotaReads;
  private final Discounts discounts;
  private final Sync sync;
  private final CodeSets codeSets;
  private final ReadThroughCache<PricingProgramId, PricingProgram> pricingCache;
  private final ReadThroughCache<SyncService.CatalogKey, CatalogEntry> catalogCache;
  private final CatalogueCache catalogue;
  private final CoreSettings settings;

  /** A core without upstreams (every sync fails, saying so), pausing with the system's sleep. */
  public TallyCore(UnitOfWork unitOfWork, Clock clock, IdGenerator ids, CoreSettings settings) {
    this(builder(unitOfWork, clock, ids).settings(settings));
  }

  private TallyCore(Builder builder) {
    this.settings = builder.settings;
    this.quotaReads =
        builder.onlyWriter ? Optional.of(new QuotaReads(builder.cacheTicker)) : Optional.empty();
    UnitOfWork unitOfWork =
        quotaReads
            .<UnitOfWork>map(reads -> new WriteWatchingUnitOfWork(builder.unitOfWork, reads::forget))
            .orElse(builder.unitOfWork);
    Environment env = new Environment(unitOfWork, builder.clock, builder.ids, settings);
    Bookkeeper bookkeeper = new Bookkeeper(env);
    Renewals renewals = new Renewals(bookkeeper);
    this.pricingCache =
        new ReadThroughCache<>(
            "pricing",
            settings.pricingCache(),
            builder.cacheTicker,
            (repos, id) -> repos.pricing().find(id));
    this.catalogCache =
        new ReadThroughCache<>(
            "catalog", settings.catalogCache(), builder.cacheTicker, SyncService.CatalogKey::load);
    this.catalogue = new CatalogueCache(settings.productCache(), builder.cacheTicker);
    this.products = new ProductCatalogService(env, catalogue);
    this.subscriptions = new SubscriptionService(env, renewals, quotaReads);
    this.meteringService = new MeteringService(env, bookkeeper, renewals, pricingCache, catalogue);
    this.balances = new BalanceService(env, bookkeeper);
    this.holds = new HoldService(env, bookkeeper);
    this.ledger = new LedgerService(env);
    this.pricing = new PricingService(env, pricingCache, catalogue);
    this.credentials =
        new CredentialService(
            env,
            settings.secretSealer(),
            settings.timestampWindow(),
            settings.keyCache(),
            builder.cacheTicker);
    this.discounts = new DiscountService(env, catalogue);
    String processId =
        settings
            .sync()
            .processId()
            .orElseGet(() -> "tally-" + UUID.randomUUID().toString().replace("-", ""));
    this.codeSets = new CodeSetService(env);
    this.sync = new SyncService(env, builder.upstream, builder.pause, pricingCache, catalogCache, processId);
  }

  /** Starts a core over its storage, clock and ids; every other port has a default. */
  public static Builder builder(UnitOfWork unitOfWork, Clock clock, IdGenerator ids) {
    return new Builder(unitOfWork, clock, ids);
  }

  /** The settings this core runs with. */
  public CoreSettings settings() {
    return settings;
  }

  public Products products() {
    return products;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  public Metering metering() {
    return meteringService;
  }

  /** What group commit did since this core started. */
  public GroupCommitReport groupCommit() {
    return meteringService.groupCommitReport();
  }

  public Balances balances() {
    return balances;
  }

  public Holds holds() {
    return holds;
  }

  public Ledger ledger() {
    return ledger;
  }

  public Pricing pricing() {
    return pricing;
  }

  public Credentials credentials() {
    return credentials;
  }

  public Discounts discounts() {
    return discounts;
  }

  public Sync sync() {
    return sync;
  }

  public CodeSets codeSets() {
    return codeSets;
  }

  /** The figures of every in-process cache, for metrics. */
  public List<CacheReport> caches() {
    return ImmutableList.<CacheReport>builder()
        .add(pricingCache.report(), catalogCache.report())
        .addAll(catalogue.reports())
        .add(credentials.keyCacheReport())
        .addAll(quotaReads.map(QuotaReads::reports).orElse(List.of()))
        .build();
  }

  /**
   * Collects the ports and settings of a {@link TallyCore}. Defaults: {@link
   * CoreSettings#DEFAULTS}, {@link UpstreamGateway#unconfigured()}, {@link Pause#system()}, and
   * the system ticker for the caches. Not thread-safe.
   */
  public static final class Builder {
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final IdGenerator ids;
    private CoreSettings settings = CoreSettings.DEFAULTS;
    private UpstreamGateway upstream = UpstreamGateway.unconfigured();
    private Pause pause = Pause.system();
    private Ticker cacheTicker = Ticker.systemTicker();
    private boolean onlyWriter;

    private Builder(UnitOfWork unitOfWork, Clock clock, IdGenerator ids) {
      this.unitOfWork = checkNotNull(unitOfWork, "unit of work");
      this.clock = checkNotNull(clock, "clock");
      this.ids = checkNotNull(ids, "id generator");
    }

    public Builder settings(CoreSettings coreSettings) {
      this.settings = checkNotNull(coreSettings, "settings");
      return this;
    }

    /** The upstream services the sync pulls from. */
    public Builder upstream(UpstreamGateway gateway) {
      this.upstream = checkNotNull(gateway, "upstream gateway");
      return this;
    }

    /** How the sync waits between retries; tests record the waits instead. */
    public Builder pause(Pause retryPause) {
      this.pause = checkNotNull(retryPause, "pause");
      return this;
    }

    /** The time source of the caches' expiry; tests move a fake one. */
    public Builder cacheTicker(Ticker ticker) {
      this.cacheTicker = checkNotNull(ticker, "cache ticker");
      return this;
    }

    /**
     * Says that this process is the only one writing the storage (the embedded default, whose
     * folder one process holds at a time): quota checks then answer from memory when warm.
     */
    public Builder onlyWriter() {
      this.onlyWriter = true;
      return this;
    }

    public TallyCore build() {
      return new TallyCore(this);
    }
  }
}
