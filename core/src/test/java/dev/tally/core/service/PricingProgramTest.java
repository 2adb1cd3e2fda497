package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.QuoteLine;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.in.QuoteRequest;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pricing programmes: {@code sum(usage[factor] / divisor(unit) x unit_price)} over the matching
 * lines of the list valid on the date, plus flat lines, times the discount, rounded half-up once
 * to 4 decimals; and the sell price of a use of a programme-priced resource.
 */
class PricingProgramTest {
  private static final String MILLION = "百万";
  private static final Map<String, BigDecimal> PER_MILLION = Map.of(MILLION, decimal("1000000"));
  private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  /** 1200 / 1e6 x 4 + 300 / 1e6 x 16 = 0.0048 + 0.0048 = 0.0096 at the base prices. */
  private static final Map<String, BigDecimal> USAGE =
      Map.of("prompt_tokens", decimal("1200"), "completion_tokens", decimal("300"));

  private static BigDecimal decimal(String value) {
    return new BigDecimal(value);
  }

  /** Prompt and completion tokens priced per million. */
  private static PriceLine perMillion(
      String prompt, String completion, Map<String, String> filters) {
    return new PriceLine(
        List.of("prompt_tokens", "completion_tokens"),
        List.of(decimal(prompt), decimal(completion)),
        MILLION,
        filters);
  }

  private static PriceLine flat(String price) {
    return new PriceLine(List.of(PriceLine.FLAT), List.of(decimal(price)), "次", Map.of());
  }

  private static PriceList list(LocalDate enabled, LocalDate expired, PriceLine... lines) {
    return new PriceList(enabled, Optional.ofNullable(expired), PER_MILLION, Arrays.asList(lines));
  }

  private static PricingProgram program(String discount, PriceList... lists) {
    return new PricingProgram(
        PricingProgramId.of("program-1"),
        "LLM prices",
        Currency.CNY,
        decimal(discount),
        Arrays.asList(lists),
        1);
  }

  private static PricingProgram basePrices() {
    return program("1", list(MARCH_1, null, perMillion("4", "16", Map.of())));
  }

  // --- the model

  @Test
  void sumsEachFactorOverItsDivisorTimesItsUnitPrice() {
    PricingQuote quote = basePrices().quote(USAGE, Map.of(), MARCH_1);

    assertThat(quote.subtotal()).isEqualByComparingTo("0.0096");
    assertThat(quote.exactTotal()).isEqualByComparingTo("0.0096");
    assertThat(quote.total()).isEqualTo(cny("0.0096"));
  }

  @Test
  void showsEachLineOfTheComputation() {
    PricingQuote quote = basePrices().quote(USAGE, Map.of(), MARCH_1);

    assertThat(quote.priceListDate()).isEqualTo(MARCH_1);
    assertThat(quote.lines()).hasSize(2);
    QuoteLine prompt = quote.lines().get(0);
    assertThat(prompt.factor()).isEqualTo("prompt_tokens");
    assertThat(prompt.usage()).isEqualByComparingTo("1200");
    assertThat(prompt.unit()).isEqualTo(MILLION);
    assertThat(prompt.divisor()).isEqualByComparingTo("1000000");
    assertThat(prompt.unitPrice()).isEqualByComparingTo("4");
    assertThat(prompt.amount()).isEqualByComparingTo("0.0048");
    QuoteLine completion = quote.lines().get(1);
    assertThat(completion.factor()).isEqualTo("completion_tokens");
    assertThat(completion.usage()).isEqualByComparingTo("300");
    assertThat(completion.unitPrice()).isEqualByComparingTo("16");
    assertThat(completion.amount()).isEqualByComparingTo("0.0048");
  }

  @Test
  void addsAFlatFactorOncePerUse() {
    PricingProgram program =
        program("1", list(MARCH_1, null, perMillion("4", "16", Map.of()), flat("0.01")));

    PricingQuote small = program.quote(USAGE, Map.of(), MARCH_1);
    PricingQuote tenTimes =
        program.quote(
            Map.of("prompt_tokens", decimal("12000"), "completion_tokens", decimal("3000")),
            Map.of(),
            MARCH_1);

    assertThat(small.total()).isEqualTo(cny("0.0196"));
    assertThat(small.lines())
        .filteredOn(line -> line.factor().equals(PriceLine.FLAT))
        .singleElement()
        .satisfies(line -> assertThat(line.amount()).isEqualByComparingTo("0.01"));
    // 0.096 + 0.01: the flat fee does not grow with the usage
    assertThat(tenTimes.total()).isEqualTo(cny("0.1060"));
  }

  @Test
  void filtersSelectTheLinesThatApply() {
    PricingProgram program =
        program(
            "1",
            list(
                MARCH_1,
                null,
                perMillion("4", "16", Map.of("model", "big")),
                perMillion("1", "2", Map.of("model", "small"))));

    PricingQuote big = program.quote(USAGE, Map.of("model", "big"), MARCH_1);
    PricingQuote small = program.quote(USAGE, Map.of("model", "small"), MARCH_1);

    assertThat(big.total()).isEqualTo(cny("0.0096"));
    // 1200 / 1e6 x 1 + 300 / 1e6 x 2
    assertThat(small.total()).isEqualTo(cny("0.0018"));
    assertThat(small.lines())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line.filters()).containsEntry("model", "small"));
  }

  @Test
  void multipliesTheSumByTheDiscount() {
    PricingProgram program = program("0.8", list(MARCH_1, null, perMillion("4", "16", Map.of())));

    PricingQuote quote = program.quote(USAGE, Map.of(), MARCH_1);

    assertThat(quote.subtotal()).isEqualByComparingTo("0.0096");
    assertThat(quote.discount()).isEqualByComparingTo("0.8");
    assertThat(quote.exactTotal()).isEqualByComparingTo("0.00768");
    assertThat(quote.total()).isEqualTo(cny("0.0077"));
  }

  @Test
  void appliesTheListValidOnTheDate() {
    LocalDate january = LocalDate.of(2026, 1, 1);
    LocalDate midMarch = LocalDate.of(2026, 3, 15);
    LocalDate april = LocalDate.of(2026, 4, 1);
    PricingProgram program =
        program(
            "1",
            // 0.0015 for the usage
            list(january, MARCH_1, perMillion("1", "1", Map.of())),
            // 0.0096
            list(MARCH_1, null, perMillion("4", "16", Map.of())),
            // 0.0048: a promotion over the open-ended March list
            list(midMarch, april, perMillion("2", "8", Map.of())));

    assertThat(program.quote(USAGE, Map.of(), LocalDate.of(2026, 2, 28)).total())
        .isEqualTo(cny("0.0015"));
    // enabled_date is inclusive, expired_date exclusive
    assertThat(program.quote(USAGE, Map.of(), MARCH_1).total()).isEqualTo(cny("0.0096"));
    assertThat(program.quote(USAGE, Map.of(), LocalDate.of(2026, 3, 14)).total())
        .isEqualTo(cny("0.0096"));
    // the latest enabled list wins
    PricingQuote promotion = program.quote(USAGE, Map.of(), midMarch);
    assertThat(promotion.total()).isEqualTo(cny("0.0048"));
    assertThat(promotion.priceListDate()).isEqualTo(midMarch);
    assertThat(program.quote(USAGE, Map.of(), LocalDate.of(2026, 3, 31)).total())
        .isEqualTo(cny("0.0048"));
    assertThat(program.quote(USAGE, Map.of(), april).total()).isEqualTo(cny("0.0096"));
  }

  @Test
  void refusesAUnitMissingFromTheUnitValuesAtConstruction() {
    PriceLine perThousand =
        new PriceLine(List.of("prompt_tokens"), List.of(decimal("4")), "千", Map.of());

    assertThatThrownBy(() -> list(MARCH_1, null, perThousand))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("千");
  }

  @Test
  void refusesToPriceWhenNoListIsValidOrNoLineMatches() {
    PricingProgram program =
        program("1", list(MARCH_1, null, perMillion("4", "16", Map.of("model", "big"))));

    ErrorCode beforeAnyList =
        refusalOf(() -> program.quote(USAGE, Map.of("model", "big"), LocalDate.of(2026, 2, 28)));
    ErrorCode noLine = refusalOf(() -> program.quote(USAGE, Map.of("model", "other"), MARCH_1));

    assertThat(beforeAnyList).isEqualTo(ErrorCode.PRICE_NOT_FOUND);
    assertThat(noLine).isEqualTo(ErrorCode.PRICE_NOT_FOUND);
  }

  @Test
  void roundsTheTotalOnceNotEachLine() {
    PricingProgram fives = program("1", list(MARCH_1, null, perMillion("5", "5", Map.of())));
    PricingProgram fours = program("1", list(MARCH_1, null, perMillion("4", "4", Map.of())));
    Map<String, BigDecimal> tenEach =
        Map.of("prompt_tokens", decimal("10"), "completion_tokens", decimal("10"));

    PricingQuote halves = fives.quote(tenEach, Map.of(), MARCH_1);
    PricingQuote smalls = fours.quote(tenEach, Map.of(), MARCH_1);

    // 0.00005 + 0.00005 = 0.0001; rounding each line first would give 0.0002
    assertThat(halves.lines())
        .extracting(QuoteLine::amount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(decimal("0.00005"), decimal("0.00005"));
    assertThat(halves.total()).isEqualTo(cny("0.0001"));
    // 0.00004 + 0.00004 = 0.00008 -> 0.0001; rounding each line first would give 0.0000
    assertThat(smalls.total()).isEqualTo(cny("0.0001"));
  }

  @Test
  void roundsAnExactHalfUp() {
    PricingProgram program = program("1", list(MARCH_1, null, perMillion("2", "0", Map.of())));

    // 25 / 1e6 x 2 = 0.00005: half-up gives 0.0001 (half-even would give 0.0000)
    PricingQuote quote =
        program.quote(Map.of("prompt_tokens", decimal("25")), Map.of(), MARCH_1);

    assertThat(quote.total()).isEqualTo(cny("0.0001"));
  }

  @Test
  void quotesThroughThePricingUseCaseOnToday() {
    TestTally tally = TestTally.create();
    PricingProgram program =
        program(
            "1",
            list(LocalDate.of(2026, 1, 1), MARCH_1, perMillion("1", "1", Map.of())),
            list(MARCH_1, null, perMillion("4", "16", Map.of())));
    tally.core().pricing().save(program);

    PricingQuote quote =
        tally
            .core()
            .pricing()
            .quote(new QuoteRequest(program.id(), USAGE, Map.of(), Optional.empty()));

    // the clock shows 2026-03-01 08:00 in Shanghai
    assertThat(quote.priceListDate()).isEqualTo(MARCH_1);
    assertThat(quote.total()).isEqualTo(cny("0.0096"));
  }

  // --- the sell price of a use

  private static ProductResource programPriced(
      TestTally tally, PricingProgram program, BillingMode mode) {
    tally.core().pricing().save(program);
    return tally.aProgramPricedResource(tally.aPublishedProduct("priced chat"), mode, program.id());
  }

  @Test
  void chargesAProgramPricedUseTheRoundedQuoteTotal() {
    TestTally tally = TestTally.create();
    ProductResource llm = programPriced(tally, basePrices(), BillingMode.PAY_PER_USE);
    tally.aCustomer("acme").recharged("10");

    // 1234 / 1e6 x 4 + 567 / 1e6 x 16 = 0.004936 + 0.009072 = 0.014008
    UsageRecord usage =
        tally
            .core()
            .metering()
            .use(
                tally
                    .aUse("acme", llm, "1801")
                    .usage(
                        Map.of(
                            "prompt_tokens", decimal("1234"), "completion_tokens", decimal("567")))
                    .build())
            .usage();

    assertThat(usage.billingMode()).isEqualTo(BillingMode.PAY_PER_USE);
    assertThat(usage.sellPrice()).isEqualTo(cny("0.0140"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.9860"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void pricesAUseWithTheListOfItsBusinessDate() {
    TestTally tally = TestTally.create();
    PricingProgram program =
        program(
            "1",
            list(LocalDate.of(2026, 2, 1), MARCH_1, perMillion("1", "1", Map.of())),
            list(MARCH_1, null, perMillion("4", "16", Map.of())));
    ProductResource llm = programPriced(tally, program, BillingMode.PAY_PER_USE);
    tally.aCustomer("acme").recharged("10");

    // 2026-02-28 23:30 in Shanghai: the February list
    UsageRecord february =
        tally
            .core()
            .metering()
            .use(
                tally
                    .aUse("acme", llm, "1500")
                    .usage(USAGE)
                    .useTime(Instant.parse("2026-02-28T15:30:00Z"))
                    .build())
            .usage();
    // 2026-03-01 00:30 in Shanghai, still February in UTC: the March list
    UsageRecord march =
        tally
            .core()
            .metering()
            .use(
                tally
                    .aUse("acme", llm, "1500")
                    .usage(USAGE)
                    .useTime(Instant.parse("2026-02-28T16:30:00Z"))
                    .build())
            .usage();

    assertThat(february.bizDate()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(february.sellPrice()).isEqualTo(cny("0.0015"));
    assertThat(march.bizDate()).isEqualTo(MARCH_1);
    assertThat(march.sellPrice()).isEqualTo(cny("0.0096"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.9889"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void pricesTheUsedAmountWhenTheUseBringsNoUsageMap() {
    TestTally tally = TestTally.create();
    PricingProgram perThousandTokens =
        program(
            "1",
            new PriceList(
                MARCH_1,
                Optional.empty(),
                Map.of("千", decimal("1000")),
                List.of(new PriceLine(List.of("token"), List.of(decimal("0.5")), "千", Map.of()))));
    ProductResource llm = programPriced(tally, perThousandTokens, BillingMode.PAY_PER_USE);
    tally.aCustomer("acme").recharged("10");

    // {token: 3000}: 3000 / 1000 x 0.5
    UsageRecord usage = tally.use("acme", llm, "3000").usage();

    assertThat(usage.sellPrice()).isEqualTo(cny("1.5000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.5000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAProgramPricedUseThatNoLineMatches() {
    TestTally tally = TestTally.create();
    PricingProgram program =
        program("1", list(MARCH_1, null, perMillion("4", "16", Map.of("model", "big"))));
    ProductResource llm = programPriced(tally, program, BillingMode.PAY_PER_USE);
    tally.aCustomer("acme").recharged("10");

    ErrorCode refusal =
        refusalOf(
            () ->
                tally
                    .core()
                    .metering()
                    .use(
                        tally
                            .aUse("acme", llm, "1500")
                            .usage(USAGE)
                            .attributes(Map.of("model", "other"))
                            .build()));

    assertThat(refusal).isEqualTo(ErrorCode.PRICE_NOT_FOUND);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.usageLog()).isEmpty();
  }

  @Test
  void chargesTheOverageItsShareOfTheProgramPrice() {
    TestTally tally = TestTally.create();
    ProductResource llm = programPriced(tally, basePrices(), BillingMode.QUOTA_WITH_OVERAGE);
    tally
        .aCustomer("acme")
        .recharged("10")
        .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage(null, null));

    // the whole use is priced 0.0096; 500 of its 1500 tokens are overage
    UsageRecord usage =
        tally.core().metering().use(tally.aUse("acme", llm, "1500").usage(USAGE).build()).usage();

    assertThat(usage.inQuota()).isEqualTo(tokens("1000"));
    assertThat(usage.overage()).isEqualTo(tokens("500"));
    assertThat(usage.sellPrice()).isEqualTo(cny("0.0032"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.9968"));
    assertThat(tally.verify().violations()).isEmpty();
  }
}
