package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Reference;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.Subscribe;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.TallyCore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A whole Tally over the in-memory ports, with a fake clock and predictable ids, plus helpers that
 * set up a catalogue and customers in domain words:
 *
 * <pre>{@code
 * TestTally tally = TestTally.create();
 * ProductResource llm = tally.aPayPerUseResource("0.002");      // per token, supplier cost 0.001
 * tally.aCustomer("acme").recharged("10");
 * tally.use("acme", llm, "1000");                                // charges 2.0000
 * }</pre>
 *
 * Not thread-safe for setup; the use cases it exposes are.
 */
public final class TestTally {
  /** The instant the clock starts at: 2026-03-01 08:00 in Shanghai. */
  public static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  public static final OrgId RESELLER = OrgId.of("reseller-1");
  public static final OrgId SUPPLIER = OrgId.of("supplier-1");
  public static final UserId USER = UserId.of("user-1");
  public static final Unit TOKEN = Unit.TOKEN;

  /** The process id (lease owner) of {@link #core()}. */
  public static final String SERVER = "server-1";

  private final FakeClock clock = new FakeClock(START);
  private final InMemoryStore store = new InMemoryStore();
  private final SequentialIds ids = new SequentialIds();
  private final ScriptedUpstream upstream = new ScriptedUpstream();
  private final RecordingPause pauses = RecordingPause.advancing(clock);
  private final CoreSettings settings;
  private final boolean onlyWriter;
  private final TallyCore core;
  private final AtomicLong requests = new AtomicLong();

  private TestTally(CoreSettings settings, boolean onlyWriter) {
    this.settings = settings;
    this.onlyWriter = onlyWriter;
    this.core = serverNamed(SERVER);
  }

  public static TestTally create() {
    return create(CoreSettings.DEFAULTS);
  }

  /**
   * A Tally with {@code settings}, whose sync pulls from {@link #upstream()}, waits through {@link
   * #pauses()} (which move the clock) and leases as {@link #SERVER}; its caches expire by the
   * clock.
   */
  public static TestTally create(CoreSettings settings) {
    return new TestTally(settings, false);
  }

  /** A Tally told that it is its store's only writer, as on the embedded default. */
  public static TestTally createOnlyWriter() {
    return new TestTally(CoreSettings.DEFAULTS, true);
  }

  public TallyCore core() {
    return core;
  }

  public FakeClock clock() {
    return clock;
  }

  public InMemoryStore store() {
    return store;
  }

  /** The scripted upstream every sync of this Tally pulls from. */
  public ScriptedUpstream upstream() {
    return upstream;
  }

  /** The waits of the sync's retries. */
  public RecordingPause pauses() {
    return pauses;
  }

  /**
   * Another server on the same store, clock, upstream and pauses, leasing as {@code processId}:
   * two servers sharing one database.
   */
  public TallyCore anotherServer(String processId) {
    return serverNamed(processId);
  }

  private TallyCore serverNamed(String processId) {
    TallyCore.Builder builder =
        TallyCore.builder(store, clock, ids)
            .settings(settings.withSync(settings.sync().withProcessId(processId)))
            .upstream(upstream)
            .pause(pauses)
            .cacheTicker(clock.ticker());
    if (onlyWriter) {
      checkState(processId.equals(SERVER), "an only writer has no other server beside it");
      builder.onlyWriter();
    }
    return builder.build();
  }

  public static Money cny(String amount) {
    return Money.of(amount, Currency.CNY);
  }

  public static UnitPrice perUnit(String price) {
    return UnitPrice.of(price, Currency.CNY);
  }

  public static Quantity tokens(String amount) {
    return Quantity.of(amount, TOKEN);
  }

  /** A published product of {@link #RESELLER}. */
  public Product aPublishedProduct(String name) {
    return core.products()
        .createProduct(new CreateProduct(name, RESELLER, "", ProductStatus.PUBLISHED));
  }

  /** A product of {@link #RESELLER} still in draft. */
  public Product aDraftProduct(String name) {
    return core.products()
        .createProduct(new CreateProduct(name, RESELLER, "", ProductStatus.DRAFT));
  }

  /** The supplier {@code org}, registered if new. */
  public OrgId aSupplier(String org) {
    OrgId id = OrgId.of(org);
    try {
      core.products().supplier(id);
    } catch (dev.tally.core.error.TallyException absent) {
      core.products().createSupplier(new CreateSupplier(id, "Supplier " + org));
    }
    return id;
  }

  /** Binds an LLM resource priced per token into {@code product}. */
  public ProductResource anLlmResource(Product product, BillingMode mode, String unitPrice) {
    return core.products()
        .bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "model-" + product.name().replace(' ', '-'),
                mode,
                TOKEN,
                Optional.of(perUnit(unitPrice)),
                Optional.empty(),
                Optional.empty()));
  }

  /** Binds an LLM resource priced by the pricing programme {@code program}. */
  public ProductResource aProgramPricedResource(
      Product product, BillingMode mode, PricingProgramId program) {
    return core.products()
        .bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "model-" + product.name().replace(' ', '-'),
                mode,
                TOKEN,
                Optional.empty(),
                Optional.of(program),
                Optional.empty()));
  }

  /** Lets {@code supplier} serve {@code resource} at {@code unitCost} per token. */
  public void linked(ProductResource resource, String supplier, String unitCost, int priority) {
    core.products()
        .linkSupplier(
            new LinkSupplier(resource.id(), aSupplier(supplier), perUnit(unitCost), priority));
  }

  /**
   * A published product with one pay-per-use LLM resource at {@code unitPrice} per token, served
   * by {@link #SUPPLIER} at half that cost.
   */
  public ProductResource aPayPerUseResource(String unitPrice) {
    return aResourceSoldIn(BillingMode.PAY_PER_USE, unitPrice);
  }

  /** Like {@link #aPayPerUseResource} in any billing mode. */
  public ProductResource aResourceSoldIn(BillingMode mode, String unitPrice) {
    Product product = aPublishedProduct("product " + (requests.incrementAndGet()));
    ProductResource resource = anLlmResource(product, mode, unitPrice);
    UnitPrice price = perUnit(unitPrice);
    String halfCost =
        price.perUnit().divide(java.math.BigDecimal.valueOf(2)).stripTrailingZeros().toPlainString();
    linked(resource, SUPPLIER.value(), halfCost, 0);
    return resource;
  }

  /** Starts describing the customer org {@code org}. */
  public CustomerSetup aCustomer(String org) {
    return new CustomerSetup(OrgId.of(org));
  }

  /** Fluent setup of one customer's balance. */
  public final class CustomerSetup {
    private final OrgId org;

    private CustomerSetup(OrgId org) {
      this.org = org;
    }

    public CustomerSetup recharged(String amount) {
      core.balances().recharge(new Recharge(org, cny(amount), Optional.empty(), "test"));
      return this;
    }

    public CustomerSetup withCreditLimit(String limit) {
      core.balances().setCreditLimit(org, cny(limit));
      return this;
    }

    /** Subscribes the customer to the resource's product: quota per month, no fee, no overage. */
    public Subscription subscribedTo(ProductResource resource, String quota) {
      return subscribedTo(resource, quota, SubscriptionTerms.plain());
    }

    public Subscription subscribedTo(
        ProductResource resource, String quota, SubscriptionTerms terms) {
      return core.subscriptions()
          .subscribe(
              new Subscribe(
                  resource.productId(),
                  USER,
                  org,
                  terms.mode(),
                  tokens(quota),
                  Period.ofMonths(1),
                  terms.allowOverage(),
                  terms.overagePrice().map(TestTally::perUnit),
                  terms.overageCap().map(TestTally::tokens),
                  terms.autoRenew(),
                  terms.fee().map(TestTally::cny)));
    }

    public CustomerBalance balance() {
      return core.balances().balance(org);
    }
  }

  /** Optional terms of a test subscription; {@link #plain()} has none. */
  public record SubscriptionTerms(
      Optional<BillingMode> mode,
      boolean allowOverage,
      Optional<String> overagePrice,
      Optional<String> overageCap,
      boolean autoRenew,
      Optional<String> fee) {

    public static SubscriptionTerms plain() {
      return new SubscriptionTerms(
          Optional.empty(), false, Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    public SubscriptionTerms withOverage(String price, String cap) {
      return new SubscriptionTerms(
          Optional.of(BillingMode.QUOTA_WITH_OVERAGE),
          true,
          Optional.ofNullable(price),
          Optional.ofNullable(cap),
          autoRenew,
          fee);
    }

    public SubscriptionTerms inMode(BillingMode billingMode) {
      return new SubscriptionTerms(
          Optional.of(billingMode), allowOverage, overagePrice, overageCap, autoRenew, fee);
    }

    public SubscriptionTerms autoRenewing() {
      return new SubscriptionTerms(mode, allowOverage, overagePrice, overageCap, true, fee);
    }

    public SubscriptionTerms withFee(String amount) {
      return new SubscriptionTerms(
          mode, allowOverage, overagePrice, overageCap, autoRenew, Optional.of(amount));
    }
  }

  /** A use of {@code amount} tokens of {@code resource} by {@code org}, with a fresh source ref. */
  public UseResult use(String org, ProductResource resource, String amount) {
    return core.metering().use(aUse(org, resource, amount).build());
  }

  /** A use request to complete or send; its source ref is fresh unless replaced. */
  public UseCommand.Builder aUse(String org, ProductResource resource, String amount) {
    return UseCommand.builder(resource.productId(), USER, OrgId.of(org))
        .used(tokens(amount))
        .sourceRef(SourceRef.of("llm_request", "req-" + requests.incrementAndGet()));
  }

  public CustomerBalance balanceOf(String org) {
    return core.balances().balance(OrgId.of(org));
  }

  public VerificationReport verify() {
    return core.ledger().verify();
  }

  public void advance(Duration duration) {
    clock.advance(duration);
  }

  /** A use of {@code amount} tokens that names {@code subscription}, with a fresh source ref. */
  public UseResult use(String org, Subscription subscription, String amount) {
    return core.metering().use(aUseOf(org, subscription, amount).build());
  }

  /** A use request naming {@code subscription}; its source ref is fresh unless replaced. */
  public UseCommand.Builder aUseOf(String org, Subscription subscription, String amount) {
    return UseCommand.forSubscription(subscription.id(), USER, OrgId.of(org))
        .used(tokens(amount))
        .sourceRef(SourceRef.of("llm_request", "req-" + requests.incrementAndGet()));
  }

  /** The subscription as stored now. */
  public Subscription subscription(SubscriptionId id) {
    return core.subscriptions().subscription(id);
  }

  /** Every row of the usage log, newest first. */
  public List<UsageRecord> usageLog() {
    return core.metering().usage(UsageQuery.ALL, PageRequest.first(PageRequest.MAX_SIZE)).items();
  }

  /** The operations of the ledger transactions about {@code reference}, oldest first. */
  public List<Operation> operationsFor(Reference reference) {
    return core.ledger().transactionsFor(reference).stream()
        .map(LedgerTransaction::operation)
        .toList();
  }

  /** The sum of every leg posted to {@code account}. */
  public BigDecimal accountTotal(AccountId account) {
    return core.ledger()
        .records(LedgerQuery.forAccount(account), PageRequest.first(PageRequest.MAX_SIZE))
        .items()
        .stream()
        .map(entry -> entry.amount().amount())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many legs the ledger holds. */
  public long ledgerEntryCount() {
    return core.ledger().records(LedgerQuery.ALL, PageRequest.first(1)).total();
  }

  /** The legs of {@code operation} in the ledger, newest first. */
  public List<LedgerEntry> entriesOf(Operation operation) {
    return core.ledger()
        .records(
            new LedgerQuery(
                Optional.empty(), Optional.of(operation), Optional.empty(), Optional.empty()),
            PageRequest.first(PageRequest.MAX_SIZE))
        .items();
  }

  /**
   * Runs {@code call}, which must be refused with a {@link TallyException}, and returns the code
   * of the refusal.
   */
  public static ErrorCode refusalOf(ThrowingCallable call) {
    TallyException refused = Assertions.catchThrowableOfType(TallyException.class, call);
    Assertions.assertThat(refused)
        .as("expected a refusal (TallyException) but the call succeeded")
        .isNotNull();
    return refused.code();
  }
}
