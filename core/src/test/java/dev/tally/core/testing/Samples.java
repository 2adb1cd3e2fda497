package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Reference;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.TransactionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UserId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sample values that read like the domain, for tests and port contracts: every field set to
 * something distinct, optional fields present (tests empty them where it matters), amounts in CNY
 * at their full scale, and instants at microsecond precision (what every database keeps). Ids are
 * plain strings ({@code "p1"}, {@code "org-1"}) to keep tests short. Stateless and thread-safe.
 */
public final class Samples {
  /** The instant every sample starts from: a Friday in January, with microseconds. */
  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

  /** The org that owns the sample products and receives their revenue. */
  public static final OrgId RESELLER = OrgId.of("reseller-1");

  private Samples() {}

  /** {@code minutes} after {@link #T0} (before it when negative). */
  public static Instant minutesAfterT0(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /** An instant written in ISO form, refused when finer than a microsecond. */
  public static Instant instant(String iso) {
    Instant instant = Instant.parse(iso);
    checkArgument(
        instant.equals(instant.truncatedTo(ChronoUnit.MICROS)),
        "sample instants keep microseconds at most: %s",
        iso);
    return instant;
  }

  /** The UTC date of {@code instant}: the business date of the samples. */
  public static LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** {@code amount} CNY, at 4 decimals. */
  public static Money cny(String amount) {
    return Money.of(amount, Currency.CNY);
  }

  /** {@code amount} CNY at the ledger's 6 decimals. */
  public static LedgerAmount ledgerCny(String amount) {
    return new LedgerAmount(new BigDecimal(amount), Currency.CNY);
  }

  /** A price of {@code perUnit} CNY per unit, at 8 decimals. */
  public static UnitPrice perUnit(String perUnit) {
    return UnitPrice.of(perUnit, Currency.CNY);
  }

  public static Quantity tokens(String amount) {
    return Quantity.of(amount, Unit.TOKEN);
  }

  public static Quantity calls(String amount) {
    return Quantity.of(amount, Unit.CALL);
  }

  // ---------------------------------------------------------------------------------------------
  // catalogue

  /** A published product of {@link #RESELLER}, made at {@link #T0}. */
  public static Product product(String id) {
    return product(id, RESELLER, ProductStatus.PUBLISHED, T0);
  }

  public static Product product(
      String id, OrgId owner, ProductStatus status, Instant createdAt) {
    return new Product(
        ProductId.of(id), "Product " + id, owner, "A sample product: " + id, status, createdAt);
  }

  /** An active supplier, registered at {@link #T0}. */
  public static Supplier supplier(String orgId) {
    return new Supplier(OrgId.of(orgId), "Supplier " + orgId, SupplierStatus.ACTIVE, T0);
  }

  /**
   * An active LLM resource of {@code productId}, billed by quota in tokens at a unit price, with a
   * minimum balance, bound at {@link #T0}.
   */
  public static ProductResource resource(String id, String productId, String resourceRefId) {
    return resource(id, productId, resourceRefId, T0);
  }

  public static ProductResource resource(
      String id, String productId, String resourceRefId, Instant createdAt) {
    return new ProductResource(
        ProductResourceId.of(id),
        ProductId.of(productId),
        ResourceType.LLM,
        resourceRefId,
        BillingMode.QUOTA,
        Unit.TOKEN,
        Optional.of(perUnit("0.00002500")),
        Optional.empty(),
        Optional.of(cny("1.5000")),
        ResourceStatus.ACTIVE,
        createdAt);
  }

  /**
   * An active upstream API of {@code productId}, sold per call at the prices of a pricing
   * programme, without a unit price nor a minimum balance, bound at {@link #T0}.
   */
  public static ProductResource programPricedResource(
      String id, String productId, String resourceRefId, String programId) {
    return new ProductResource(
        ProductResourceId.of(id),
        ProductId.of(productId),
        ResourceType.UAPI,
        resourceRefId,
        BillingMode.PAY_PER_USE,
        Unit.CALL,
        Optional.empty(),
        Optional.of(PricingProgramId.of(programId)),
        Optional.empty(),
        ResourceStatus.ACTIVE,
        T0);
  }

  /** An active link of a resource to a supplier, at a cost of 0.000012 per unit. */
  public static SupplierLink supplierLink(String resourceId, String supplierOrgId, int priority) {
    return new SupplierLink(
        ProductResourceId.of(resourceId),
        OrgId.of(supplierOrgId),
        perUnit("0.00001200"),
        priority,
        LinkStatus.ACTIVE,
        T0);
  }

  // ---------------------------------------------------------------------------------------------
  // subscriptions, balances and holds

  /** An active monthly subscription made and started at {@link #T0}; see the 4-argument form. */
  public static Subscription activeSubscription(String id, String orgId, String productId) {
    return activeSubscription(id, orgId, productId, T0);
  }

  /**
   * An active, auto-renewing monthly subscription of {@code orgId} (by {@code user-1}) to {@code
   * productId}, made at {@code start} and in its first period from then: a quota of a million
   * tokens, partly used, with capped overage at a price, partly used, and a fee of 99 CNY.
   */
  public static Subscription activeSubscription(
      String id, String orgId, String productId, Instant start) {
    Period month = Period.ofMonths(1);
    return new Subscription(
        SubscriptionId.of(id),
        ProductId.of(productId),
        UserId.of("user-1"),
        OrgId.of(orgId),
        BillingMode.QUOTA_WITH_OVERAGE,
        tokens("1000000.0000"),
        tokens("2500.5000"),
        start,
        Subscription.periodEndFrom(start, month),
        month,
        true,
        Optional.of(perUnit("0.00003000")),
        Optional.of(tokens("50000")),
        tokens("12.2500"),
        SubscriptionStatus.ACTIVE,
        true,
        cny("99.0000"),
        start);
  }

  /**
   * The balance of {@code orgId}: 120.5 CNY with a credit limit of 50 and 10.25 held, recharged
   * and consumed shortly after {@link #T0}, active, at ledger sequence 7.
   */
  public static CustomerBalance balance(String orgId) {
    return new CustomerBalance(
        OrgId.of(orgId),
        cny("120.5000"),
        cny("50.0000"),
        cny("10.2500"),
        Optional.of(minutesAfterT0(1)),
        Optional.of(minutesAfterT0(2)),
        BalanceStatus.ACTIVE,
        7,
        minutesAfterT0(3));
  }

  /** A held hold of 25 CNY for {@code org-1}, made at {@link #T0}, expiring 10 minutes later. */
  public static Hold hold(String id) {
    return hold(id, "org-1", T0, minutesAfterT0(10));
  }

  /** A held hold of 25 CNY for {@code orgId} by {@code user-1} on product {@code p1}. */
  public static Hold hold(String id, String orgId, Instant createdAt, Instant expiresAt) {
    return new Hold(
        HoldId.of(id),
        OrgId.of(orgId),
        UserId.of("user-1"),
        ProductId.of("p1"),
        cny("25.0000"),
        HoldStatus.HELD,
        Optional.empty(),
        createdAt,
        expiresAt,
        Optional.empty());
  }

  // ---------------------------------------------------------------------------------------------
  // pricing

  /**
   * A programme at 20% off with two dated price lists: per-million-token prices of input and
   * output filtered by model, plus a flat fee per call; the first list ends when the second starts,
   * whose token line also holds only up to 2,000,000 input tokens (a range filter).
   */
  public static PricingProgram pricingProgram(String id) {
    String million = "百万";
    Map<String, BigDecimal> unitValues = Map.of(million, new BigDecimal("1000000"));
    PriceLine tokens =
        new PriceLine(
            List.of("input_tokens", "output_tokens"),
            List.of(new BigDecimal("2.5"), new BigDecimal("10")),
            million,
            List.of(new PriceFilter.Equals("model", "gpt-4o")));
    PriceLine flat =
        new PriceLine(List.of(PriceLine.FLAT), List.of(new BigDecimal("0.01")), "次", List.of());
    PriceList january =
        new PriceList(
            LocalDate.of(2026, 1, 1),
            Optional.of(LocalDate.of(2026, 7, 1)),
            unitValues,
            List.of(tokens, flat));
    PriceLine upToTwoMillion =
        new PriceLine(
            tokens.priceFactors(),
            tokens.unitPrices(),
            million,
            List.of(
                new PriceFilter.Equals("model", "gpt-4o"),
                new PriceFilter.Range(
                    "input_tokens", Map.of(PriceFilter.Bound.LTE, new BigDecimal("2000000")))));
    PriceList july =
        new PriceList(
            LocalDate.of(2026, 7, 1), Optional.empty(), unitValues, List.of(upToTwoMillion));
    return new PricingProgram(
        PricingProgramId.of(id),
        "Programme " + id,
        Currency.CNY,
        new BigDecimal("0.8"),
        List.of(january, july),
        3);
  }

  // ---------------------------------------------------------------------------------------------
  // usage

  /** A use to build, with every field set; see {@link UsageBuilder} for the defaults. */
  public static UsageBuilder usage(String id) {
    return new UsageBuilder(id);
  }

  /**
   * Builds a {@link UsageRecord}. By default: {@code user-1} of {@code org-1} used 1500 tokens of
   * resource {@code r1} ({@code gpt-4o}) of product {@code p1} at {@link #T0}, counted against
   * subscription {@code s1}: 1000 within quota and 500 as overage charged 0.0375 CNY, served by
   * {@code supplier-1} at 0.000012 a token (0.018 in all). The source ref is {@code chat_log/<id>}.
   * Not thread-safe.
   */
  public static final class UsageBuilder {
    private final UsageId id;
    private ProductId productId = ProductId.of("p1");
    private Optional<SubscriptionId> subscriptionId = Optional.of(SubscriptionId.of("s1"));
    private UserId userId = UserId.of("user-1");
    private OrgId orgId = OrgId.of("org-1");
    private Optional<OrgId> supplierOrgId = Optional.of(OrgId.of("supplier-1"));
    private Optional<UnitPrice> unitCost = Optional.of(perUnit("0.00001200"));
    private Quantity used = tokens("1500.0000");
    private LedgerAmount totalCost = ledgerCny("0.018000");
    private Money sellPrice = cny("0.0375");
    private BillingMode billingMode = BillingMode.QUOTA_WITH_OVERAGE;
    private SourceRef sourceRef;
    private Quantity inQuota = tokens("1000");
    private Quantity overage = tokens("500");
    private Instant useTime = T0;
    private String resourceRefId = "gpt-4o";

    private UsageBuilder(String id) {
      this.id = UsageId.of(id);
      this.sourceRef = SourceRef.of("chat_log", id);
    }

    public UsageBuilder product(String product) {
      this.productId = ProductId.of(product);
      return this;
    }

    public UsageBuilder org(String org) {
      this.orgId = OrgId.of(org);
      return this;
    }

    public UsageBuilder user(String user) {
      this.userId = UserId.of(user);
      return this;
    }

    public UsageBuilder subscription(String subscription) {
      this.subscriptionId = Optional.of(SubscriptionId.of(subscription));
      return this;
    }

    /** Pay per use: no subscription, the whole amount charged, none of it quota or overage. */
    public UsageBuilder payPerUse() {
      this.subscriptionId = Optional.empty();
      this.billingMode = BillingMode.PAY_PER_USE;
      return this;
    }

    /** Served by {@code supplier} at {@code perUnit}, costing {@code total} in all. */
    public UsageBuilder supplier(String supplier, String perUnit, String total) {
      this.supplierOrgId = Optional.of(OrgId.of(supplier));
      this.unitCost = Optional.of(Samples.perUnit(perUnit));
      this.totalCost = ledgerCny(total);
      return this;
    }

    /** Served by the reseller itself: no supplier, no cost. */
    public UsageBuilder noSupplier() {
      this.supplierOrgId = Optional.empty();
      this.unitCost = Optional.empty();
      this.totalCost = ledgerCny("0");
      return this;
    }

    /** Used {@code amount}: all of it within quota, unless paid per use. */
    public UsageBuilder used(Quantity amount) {
      this.used = checkNotNull(amount, "amount");
      this.inQuota = amount;
      this.overage = Quantity.zero(amount.unit());
      return this;
    }

    public UsageBuilder charged(String amount) {
      this.sellPrice = cny(amount);
      return this;
    }

    public UsageBuilder sourceRef(String table, String sourceId) {
      this.sourceRef = SourceRef.of(table, sourceId);
      return this;
    }

    /** Used at {@code time}, on the business day of {@code time}. */
    public UsageBuilder resourceRefId(String refId) {
      this.resourceRefId = refId;
      return this;
    }

    public UsageBuilder at(Instant time) {
      this.useTime = checkNotNull(time, "time");
      return this;
    }

    public UsageRecord build() {
      boolean perUse = billingMode == BillingMode.PAY_PER_USE;
      return new UsageRecord(
          id,
          productId,
          subscriptionId,
          userId,
          orgId,
          ProductResourceId.of("r1"),
          supplierOrgId,
          ResourceType.LLM,
          resourceRefId,
          used,
          unitCost,
          totalCost,
          sellPrice,
          BigDecimal.ONE,
          billingMode,
          sourceRef,
          perUse ? Quantity.zero(used.unit()) : inQuota,
          perUse ? Quantity.zero(used.unit()) : overage,
          useTime,
          dateOf(useTime),
          useTime.plusMillis(250),
          "sha256:" + id);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ledger

  /**
   * A valid two-leg transaction that moves {@code amount} from one account to another, in the
   * chain {@link #chainOf} names, numbered and hash-chained after that chain's head in {@code
   * heads} (as {@code lockHeads} returned them; a missing chain is at genesis), written at {@code
   * createdAt} on that UTC date. A customer leg carries a balance after equal to its own amount: the
   * ledger stores it without checking it.
   */
  public static LedgerTransaction ledgerTransaction(
      String id,
      Operation operation,
      Reference reference,
      AccountId from,
      AccountId to,
      String amount,
      Map<AccountId, ChainHead> heads,
      Instant createdAt) {
    checkArgument(!from.equals(to), "a transfer goes between two accounts: %s", from);
    TransactionId transactionId = TransactionId.of(id);
    LedgerAmount moved = ledgerCny(amount);
    AccountId chain = chainOf(from, to);
    LedgerEntry first =
        leg(transactionId, operation, from, moved.negate(), reference, chain,
            heads.getOrDefault(chain, ChainHead.GENESIS), createdAt);
    LedgerEntry second =
        leg(transactionId, operation, to, moved, reference, chain,
            new ChainHead(first.sequence(), first.hash()), createdAt);
    return new LedgerTransaction(transactionId, operation, ImmutableList.of(first, second));
  }

  /**
   * The chain a transfer between two accounts goes into: the customer's, as the bookkeeper does;
   * between two other accounts, the first in sorted order.
   */
  public static AccountId chainOf(AccountId from, AccountId to) {
    if (from.isCustomer()) {
      return from;
    }
    if (to.isCustomer()) {
      return to;
    }
    return from.compareTo(to) < 0 ? from : to;
  }

  private static LedgerEntry leg(
      TransactionId id,
      Operation operation,
      AccountId account,
      LedgerAmount amount,
      Reference reference,
      AccountId chain,
      ChainHead head,
      Instant createdAt) {
    long sequence = head.sequence() + 1;
    Optional<Money> balanceAfter =
        account.isCustomer() ? Optional.of(amount.toMoney()) : Optional.empty();
    String memo = "sample " + operation.code().toLowerCase(Locale.ROOT) + " " + id;
    LocalDate bizDate = dateOf(createdAt);
    String hash =
        LedgerEntry.hashOf(
            id, operation, account, sequence, amount, balanceAfter, reference, memo, createdAt,
            bizDate, head.hash());
    return new LedgerEntry(
        id, operation, account, chain, sequence, amount, balanceAfter, reference, memo, createdAt,
        bizDate, head.hash(), hash);
  }

}
