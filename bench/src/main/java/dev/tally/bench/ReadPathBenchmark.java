package dev.tally.bench;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.QuoteRequest;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.Subscribe;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B6: the read path in-process with warm caches: {@code check_quota} of a subscription and a quote
 * of a pricing programme, each call's time sampled (p50 and p99 in JMH's output). The database is
 * the {@code url} parameter ({@code -p url=...}); the embedded default under {@code
 * target/bench-jmh} unless given.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadPathBenchmark {
  private static final Map<String, BigDecimal> USAGE =
      Map.of("prompt_tokens", new BigDecimal("1200"), "completion_tokens", new BigDecimal("300"));

  @Param("embedded-postgresql:target/bench-jmh")
  public String url;

  @Param("postgres")
  public String user;

  private Tally tally;
  private SubscriptionId subscription;
  private Quantity requested;
  private QuoteRequest quote;

  @Setup(Level.Trial)
  public void openShop() {
    TallyConfig config =
        ConfigLoader.load(Optional.empty(), Map.of("TALLY_DATABASE_URL", url, "TALLY_DATABASE_USER", user))
            .withoutBackgroundWork();
    tally = Tally.open(config);
    String runId = Long.toString(System.currentTimeMillis(), 36);
    OrgId customer = OrgId.of("quota-" + runId);
    Product product =
        tally.products().createProduct(
            new CreateProduct("Quota " + runId, OrgId.of("bench-reseller"), "", ProductStatus.PUBLISHED));
    ProductResource resource =
        tally.products().bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "bench-quota-model",
                BillingMode.QUOTA,
                Unit.TOKEN,
                Optional.of(UnitPrice.of("0.00002", Shop.CURRENCY)),
                Optional.empty(),
                Optional.empty()));
    tally.balances().recharge(
        new Recharge(customer, Money.of("1000", Shop.CURRENCY), Optional.of("quota-" + runId), "benchmark"));
    subscription =
        tally.subscriptions()
            .subscribe(
                new Subscribe(
                    resource.productId(),
                    Shop.USER,
                    customer,
                    Optional.of(BillingMode.QUOTA),
                    Quantity.of(1_000_000, Unit.TOKEN),
                    Period.ofMonths(1),
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Optional.empty()))
            .id();
    requested = Quantity.of(1_000, Unit.TOKEN);
    PricingProgramId programId = PricingProgramId.of("bench-" + runId);
    tally.pricing().save(
        new PricingProgram(
            programId,
            "Bench LLM prices",
            Shop.CURRENCY,
            BigDecimal.ONE,
            List.of(
                new PriceList(
                    LocalDate.of(2020, 1, 1),
                    Optional.empty(),
                    Map.of("million", new BigDecimal("1000000")),
                    List.of(
                        new PriceLine(
                            List.of("prompt_tokens", "completion_tokens"),
                            List.of(new BigDecimal("4"), new BigDecimal("16")),
                            "million",
                            List.of())))),
            1));
    quote = new QuoteRequest(programId, USAGE, Map.of(), Optional.empty());
    // the first calls fill the caches; the measured ones find them warm
    checkQuota();
    quote();
  }

  @TearDown(Level.Trial)
  public void close() {
    tally.close();
  }

  @Benchmark
  public QuotaCheck checkQuota() {
    return tally.subscriptions().checkQuota(subscription, requested);
  }

  @Benchmark
  public PricingQuote quote() {
    return tally.pricing().quote(quote);
  }
}
