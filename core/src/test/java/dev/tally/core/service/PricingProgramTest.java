package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.PriceFilter;
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
 * to 6 decimals; and the sell price of a use of a programme-priced resource.
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
  private static PriceLine perMillion(String prompt, String completion, PriceFilter... filters) {
    return new PriceLine(
        List.of("prompt_tokens", "completion_tokens"),
        List.of(decimal(prompt), decimal(completion)),
        MILLION,
        List.of(filters));
  }

  private static PriceFilter.Equals equal(String name, String value) {
    return new PriceFilter.Equals(name, value);
  }

  private static PriceLine flat(String price) {
    return new PriceLine(List.of(PriceLine.FLAT), List.of(decimal(price)), "次", List.of());
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
    return program("1", list(MARCH_1, null, perMillion("4", "16")));
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
        program("1", list(MARCH_1, null, perMillion("4", "16"), flat("0.01")));

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
                perMillion("4", "16", equal("model", "big")),
                perMillion("1", "2", equal("model", "small"))));

    PricingQuote big = program.quote(USAGE, Map.of("model", "big"), MARCH_1);
    PricingQuote small = program.quote(USAGE, Map.of("model", "small"), MARCH_1);

    assertThat(big.total()).isEqualTo(cny("0.0096"));
    // 1200 / 1e6 x 1 + 300 / 1e6 x 2
    assertThat(small.total()).isEqualTo(cny("0.0018"));
    assertThat(small.lines())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line.filters()).containsExactly(equal("model", "small")));
  }

  @Test
  void multipliesTheSumByTheDiscount() {
    PricingProgram program = program("0.8", list(MARCH_1, null, perMillion("4", "16")));

    PricingQuote quote = program.quote(USAGE, Map.of(), MARCH_1);

    assertThat(quote.subtotal()).isEqualByComparingTo("0.0096");
    assertThat(quote.discount()).isEqualByComparingTo("0.8");
    assertThat(quote.exactTotal()).isEqualByComparingTo("0.00768");
    assertThat(quote.total()).isEqualTo(cny("0.00768"));
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
            list(january, MARCH_1, perMillion("1", "1")),
            // 0.0096
            list(MARCH_1, null, perMillion("4", "16")),
            // 0.0048: a promotion over the open-ended March list
            list(midMarch, april, perMillion("2", "8")));

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
        new PriceLine(List.of("prompt_tokens"), List.of(decimal("4")), "千", List.of());

    assertThatThrownBy(() -> list(MARCH_1, null, perThousand))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("千");
  }

  @Test
  void refusesToPriceWhenNoListIsValidOrNoLineMatches() {
    PricingProgram program =
        program("1", list(MARCH_1, null, perMillion("4", "16", equal("model", "big"))));

    ErrorCode beforeAnyList =
        refusalOf(() -> program.quote(USAGE, Map.of("model", "big"), LocalDate.of(2026, 2, 28)));
    ErrorCode noLine = refusalOf(() -> program.quote(USAGE, Map.of("model", "other"), MARCH_1));

    assertThat(beforeAnyList).isEqualTo(ErrorCode.PRICE_NOT_FOUND);
    assertThat(noLine).isEqualTo(ErrorCode.PRICE_NOT_FOUND);
  }

  @Test
  void roundsTheTotalOnceNotEachLine() {
    PricingProgram fives = program("1", list(MARCH_1, null, perMillion("5", "5")));
    PricingProgram fours = program("1", list(MARCH_1, null, perMillion("4", "4")));
    Map<String, BigDecimal> tenthEach =
        Map.of("prompt_tokens", decimal("0.1"), "completion_tokens", decimal("0.1"));

    PricingQuote halves = fives.quote(tenthEach, Map.of(), MARCH_1);
    PricingQuote smalls = fours.quote(tenthEach, Map.of(), MARCH_1);

    // 0.0000005 + 0.0000005 = 0.000001; rounding each line first would give 0.000002
    assertThat(halves.lines())
        .extracting(QuoteLine::amount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(decimal("0.0000005"), decimal("0.0000005"));
    assertThat(halves.total()).isEqualTo(cny("0.000001"));
    // 0.0000004 + 0.0000004 = 0.0000008 -> 0.000001; rounding each line first would give 0
    assertThat(smalls.total()).isEqualTo(cny("0.000001"));
  }

  @Test
  void roundsAnExactHalfUp() {
    PricingProgram program = program("1", list(MARCH_1, null, perMillion("2", "0")));

    // 0.25 / 1e6 x 2 = 0.0000005: half-up gives 0.000001 (half-even would give 0)
    PricingQuote quote =
        program.quote(Map.of("prompt_tokens", decimal("0.25")), Map.of(), MARCH_1);

    assertThat(quote.total()).isEqualTo(cny("0.000001"));
  }

  @Test
  void quotesThroughThePricingUseCaseOnToday() {
    TestTally tally = TestTally.create();
    PricingProgram program =
        program(
            "1",
            list(LocalDate.of(2026, 1, 1), MARCH_1, perMillion("1", "1")),
            list(MARCH_1, null, perMillion("4", "16")));
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

  // --- the platform's list shapes: typed filters, tiers, nested counts, per-N-unit prices

  @Test
  void chargesASmallCallToTheMillionthAsThePlatformDoes() {
    PricingProgram program = program("1", list(MARCH_1, null, perMillion("2.1", "8.4")));

    // 15 / 1e6 x 2.1 + 3 / 1e6 x 8.4 = 0.0000315 + 0.0000252 = 0.0000567
    PricingQuote quote =
        program.quote(
            Map.of("prompt_tokens", decimal("15"), "completion_tokens", decimal("3")),
            Map.of(),
            MARCH_1);

    assertThat(quote.exactTotal()).isEqualByComparingTo("0.0000567");
    assertThat(quote.total().amount().toPlainString()).isEqualTo("0.000057");
  }

  @Test
  void comparesFilterValuesByMeaning() {
    PricingProgram program =
        program(
            "1",
            list(
                MARCH_1,
                null,
                perMillion("4", "16", equal("SR", "1080"), equal("audio", "true")),
                perMillion("1", "2", equal("SR", "1080"), equal("audio", "false"))));

    assertThat(program.quote(USAGE, Map.of("SR", "1080", "audio", "true"), MARCH_1).total())
        .isEqualTo(cny("0.0096"));
    // numbers as numbers, booleans in any case (Python writes False)
    assertThat(program.quote(USAGE, Map.of("SR", "1080.0", "audio", "True"), MARCH_1).total())
        .isEqualTo(cny("0.0096"));
    assertThat(program.quote(USAGE, Map.of("SR", "1080", "audio", "False"), MARCH_1).total())
        .isEqualTo(cny("0.0018"));
    assertThat(refusalOf(() -> program.quote(USAGE, Map.of("SR", "1081", "audio", "true"), MARCH_1)))
        .as("another number")
        .isEqualTo(ErrorCode.PRICE_NOT_FOUND);
    assertThat(refusalOf(() -> program.quote(USAGE, Map.of("SR", "1080", "audio", "yes"), MARCH_1)))
        .as("not a boolean")
        .isEqualTo(ErrorCode.PRICE_NOT_FOUND);
    assertThat(refusalOf(() -> program.quote(USAGE, Map.of("SR", "1080"), MARCH_1)))
        .as("every filter must hold: audio is missing")
        .isEqualTo(ErrorCode.PRICE_NOT_FOUND);
  }

  @Test
  void selectsATierWithARangeFilterOnAUsageCount() {
    PriceFilter.Range upTo512k =
        new PriceFilter.Range("prompt_tokens", Map.of(PriceFilter.Bound.LTE, decimal("512000")));
    PriceFilter.Range above512k =
        new PriceFilter.Range("prompt_tokens", Map.of(PriceFilter.Bound.GT, decimal("512000")));
    PricingProgram program =
        program(
            "1",
            list(
                MARCH_1,
                null,
                perMillion("2.1", "8.4", equal("model", "MiniMax-M3"), upTo512k),
                perMillion("4.2", "16.8", equal("model", "MiniMax-M3"), above512k)));
    Map<String, String> minimax = Map.of("model", "MiniMax-M3");

    PricingQuote atTheLimit =
        program.quote(
            Map.of("prompt_tokens", decimal("512000"), "completion_tokens", decimal("1000")),
            minimax,
            MARCH_1);
    PricingQuote beyond =
        program.quote(
            Map.of("prompt_tokens", decimal("512001"), "completion_tokens", decimal("1000")),
            minimax,
            MARCH_1);

    // 512000 / 1e6 x 2.1 + 1000 / 1e6 x 8.4 = 1.0752 + 0.0084
    assertThat(atTheLimit.total()).isEqualTo(cny("1.0836"));
    // 512001 / 1e6 x 4.2 + 1000 / 1e6 x 16.8 = 2.1504042 + 0.0168 = 2.1672042
    assertThat(beyond.exactTotal()).isEqualByComparingTo("2.1672042");
    assertThat(beyond.total()).isEqualTo(cny("2.167204"));
    assertThat(beyond.lines()).allSatisfy(line -> assertThat(line.filters()).contains(above512k));
  }

  @Test
  void aRangeHoldsEveryBoundAndNothingButANumber() {
    PriceFilter.Range band =
        new PriceFilter.Range(
            "prompt_tokens",
            Map.of(PriceFilter.Bound.GTE, decimal("100"), PriceFilter.Bound.LT, decimal("200")));

    assertThat(band.test("100")).isTrue();
    assertThat(band.test("199.9999")).isTrue();
    assertThat(band.test("99")).isFalse();
    assertThat(band.test("200")).isFalse();
    assertThat(band.test("150 tokens")).isFalse();
    assertThat(PriceFilter.Bound.fromCode("lte")).isEqualTo(PriceFilter.Bound.LTE);
    assertThatThrownBy(() -> PriceFilter.Bound.fromCode("between"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gt, gte, lt or lte");
  }

  @Test
  void pricesANestedCountNamedByItsDottedPathAndIgnoresWhatNoLinePrices() {
    PriceLine audio =
        new PriceLine(
            List.of("prompt_tokens_details.audio_tokens"), List.of(decimal("14")), MILLION, List.of());
    PricingProgram program = program("1", list(MARCH_1, null, perMillion("4", "16"), audio));
    Map<String, BigDecimal> raw =
        Map.of(
            "prompt_tokens", decimal("1200"),
            "completion_tokens", decimal("300"),
            "total_tokens", decimal("1500"),
            "prompt_tokens_details.audio_tokens", decimal("200"),
            "prompt_tokens_details.cached_tokens", decimal("100"));

    PricingQuote quote = program.quote(raw, Map.of(), MARCH_1);

    // 0.0096 + 200 / 1e6 x 14 = 0.0096 + 0.0028; total_tokens and cached_tokens price nothing
    assertThat(quote.total()).isEqualTo(cny("0.0124"));
    assertThat(quote.lines())
        .extracting(QuoteLine::factor)
        .containsExactly("prompt_tokens", "completion_tokens", "prompt_tokens_details.audio_tokens");
  }

  @Test
  void aFlatLineInADefinedUnitPricesTheQuantityPerThatManyUnits() {
    PriceList tts =
        new PriceList(
            MARCH_1,
            Optional.empty(),
            Map.of("万字符", decimal("10000")),
            List.of(new PriceLine(List.of(PriceLine.FLAT), List.of(decimal("3.5")), "万字符", List.of())));
    PricingProgram program = program("1", tts);

    // 2345 characters: 2345 / 10000 x 3.5 = 0.82075
    PricingQuote quote = program.quote(Map.of(), Map.of(), Optional.of(decimal("2345")), MARCH_1);

    assertThat(quote.total()).isEqualTo(cny("0.82075"));
    QuoteLine line = quote.lines().get(0);
    assertThat(line.factor()).isEqualTo(PriceLine.FLAT);
    assertThat(line.usage()).isEqualByComparingTo("2345");
    assertThat(line.divisor()).isEqualByComparingTo("10000");
    assertThat(refusalOf(() -> program.quote(Map.of(), Map.of(), MARCH_1)))
        .as("a quote without the quantity it needs")
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void aFlatLineInAnUndefinedUnitStaysAFixedPricePerUse() {
    PricingProgram program = program("1", list(MARCH_1, null, flat("0.01")));

    PricingQuote quote = program.quote(Map.of(), Map.of(), Optional.of(decimal("2345")), MARCH_1);

    assertThat(quote.total()).isEqualTo(cny("0.01"));
    assertThat(quote.lines().get(0).usage()).isEqualByComparingTo("1");
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
    assertThat(usage.sellPrice()).isEqualTo(cny("0.014008"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.985992"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void pricesAUseWithTheListOfItsBusinessDate() {
    TestTally tally = TestTally.create();
    PricingProgram program =
        program(
            "1",
            list(LocalDate.of(2026, 2, 1), MARCH_1, perMillion("1", "1")),
            list(MARCH_1, null, perMillion("4", "16")));
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
                List.of(new PriceLine(List.of("token"), List.of(decimal("0.5")), "千", List.of()))));
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
        program("1", list(MARCH_1, null, perMillion("4", "16", equal("model", "big"))));
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
