package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.RESELLER;
import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.in.QuoteRequest;
import dev.tally.core.port.in.SetDiscount;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The discount a reseller gives a customer org: a multiplier of every use's charge, after the
 * programme's discount, rounded once with it; recorded on the usage row and shown in quotes.
 */
class CustomerDiscountTest {
  private static final OrgId ACME = OrgId.of("acme");
  private static final Map<String, BigDecimal> USAGE =
      Map.of("prompt_tokens", new BigDecimal("1200"), "completion_tokens", new BigDecimal("300"));

  private final TestTally tally = TestTally.create();

  /** 4 and 16 per million prompt and completion tokens, 20% off: 0.0096 x 0.8 for USAGE. */
  private static PricingProgram programme() {
    return new PricingProgram(
        PricingProgramId.of("llm"),
        "LLM",
        Currency.CNY,
        new BigDecimal("0.8"),
        List.of(
            new PriceList(
                LocalDate.of(2026, 1, 1),
                Optional.empty(),
                Map.of("百万", new BigDecimal("1000000")),
                List.of(
                    new PriceLine(
                        List.of("prompt_tokens", "completion_tokens"),
                        List.of(new BigDecimal("4"), new BigDecimal("16")),
                        "百万",
                        List.of())))),
        1);
  }

  private ProductResource programmePriced(BillingMode mode) {
    tally.core().pricing().save(programme());
    return tally.aProgramPricedResource(
        tally.aPublishedProduct("chat"), mode, PricingProgramId.of("llm"));
  }

  private CustomerDiscount discount(OrgId reseller, String multiplier) {
    return tally.core().discounts().set(new SetDiscount(reseller, ACME, new BigDecimal(multiplier)));
  }

  @Test
  void chargesAProgrammePricedUseWithBothDiscountsRoundedOnce() {
    ProductResource llm = programmePriced(BillingMode.PAY_PER_USE);
    tally.aCustomer("acme").recharged("10");
    discount(RESELLER, "0.95");

    UsageRecord usage =
        tally.core().metering().use(tally.aUse("acme", llm, "1500").usage(USAGE).build()).usage();

    // 0.0096 x 0.8 x 0.95 = 0.007296
    assertThat(usage.sellPrice().amount().toPlainString()).isEqualTo("0.007296");
    assertThat(usage.customerDiscount()).isEqualByComparingTo("0.95");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.992704"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aDiscountWithAnotherResellerChangesNothing() {
    ProductResource llm = programmePriced(BillingMode.PAY_PER_USE);
    tally.aCustomer("acme").recharged("10");
    discount(OrgId.of("reseller-2"), "0.5");

    UsageRecord usage =
        tally.core().metering().use(tally.aUse("acme", llm, "1500").usage(USAGE).build()).usage();

    assertThat(usage.sellPrice()).isEqualTo(cny("0.00768"));
    assertThat(usage.customerDiscount()).isEqualByComparingTo("1");
  }

  @Test
  void discountsAUnitPricedUseAndAnOverageAtItsOwnPrice() {
    ProductResource perToken = tally.aPayPerUseResource("0.00125");
    ProductResource flex = tally.aResourceSoldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002");
    tally
        .aCustomer("acme")
        .recharged("20")
        .subscribedTo(flex, "1000", SubscriptionTerms.plain().withOverage("0.003", null));
    discount(RESELLER, "0.9");

    UsageRecord perUse = tally.use("acme", perToken, "2001").usage();
    UsageRecord overage = tally.use("acme", flex, "2500").usage();

    // 2001 x 0.00125 = 2.50125, x 0.9 = 2.251125
    assertThat(perUse.sellPrice().amount().toPlainString()).isEqualTo("2.251125");
    // 1500 beyond the quota x 0.003 = 4.5, x 0.9 = 4.05
    assertThat(overage.overage().amount()).isEqualByComparingTo("1500");
    assertThat(overage.sellPrice()).isEqualTo(cny("4.05"));
    assertThat(overage.customerDiscount()).isEqualByComparingTo("0.9");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("13.698875"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void discountsTheOverageShareOfTheProgrammePrice() {
    ProductResource llm = programmePriced(BillingMode.QUOTA_WITH_OVERAGE);
    tally
        .aCustomer("acme")
        .recharged("10")
        .subscribedTo(llm, "1000", SubscriptionTerms.plain().withOverage(null, null));
    discount(RESELLER, "0.5");

    UsageRecord usage =
        tally.core().metering().use(tally.aUse("acme", llm, "1500").usage(USAGE).build()).usage();

    // 0.0096 x 0.8 x 0.5 = 0.00384 for the whole use; 500 of its 1500 tokens are overage
    assertThat(usage.sellPrice()).isEqualTo(cny("0.00128"));
  }

  @Test
  void leavesSubscriptionFeesWhole() {
    ProductResource quota = tally.aResourceSoldIn(BillingMode.QUOTA, "0.002");
    discount(RESELLER, "0.5");

    tally
        .aCustomer("acme")
        .recharged("50")
        .subscribedTo(quota, "1000", SubscriptionTerms.plain().withFee("30"));

    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("20"));
  }

  @Test
  void aBatchOfManyCustomersChargesEachWithItsOwnDiscount() {
    ProductResource perToken = tally.aPayPerUseResource("0.001");
    tally.aCustomer("acme").recharged("10");
    tally.aCustomer("globex").recharged("10");
    tally.aCustomer("initech").recharged("10");
    discount(RESELLER, "0.5");
    tally.core().discounts().set(new SetDiscount(RESELLER, OrgId.of("globex"), new BigDecimal("0.8")));
    // the product in memory, the discounts of acme and globex not: the batch reads them together
    tally.use("initech", perToken, "1000");

    List<UseOutcome> outcomes =
        tally
            .core()
            .metering()
            .useAll(
                List.of(
                    tally.aUse("acme", perToken, "1000").build(),
                    tally.aUse("globex", perToken, "1000").build(),
                    tally.aUse("initech", perToken, "1000").build(),
                    tally.aUse("acme", perToken, "2000").build()));

    assertThat(outcomes)
        .map(outcome -> ((UseOutcome.Accepted) outcome).result().usage().sellPrice())
        .containsExactly(cny("0.5"), cny("0.8"), cny("1"), cny("1"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.5"));
    assertThat(tally.balanceOf("initech").balance()).isEqualTo(cny("8"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void removingTheDiscountChargesLaterUsesInFull() {
    ProductResource perToken = tally.aPayPerUseResource("0.001");
    tally.aCustomer("acme").recharged("10");
    discount(RESELLER, "0.5");
    UsageRecord discounted = tally.use("acme", perToken, "1000").usage();

    tally.core().discounts().remove(RESELLER, ACME);
    UsageRecord full = tally.use("acme", perToken, "1000").usage();

    assertThat(discounted.sellPrice()).isEqualTo(cny("0.5"));
    assertThat(full.sellPrice()).isEqualTo(cny("1"));
    assertThat(full.customerDiscount()).isEqualByComparingTo("1");
    assertThat(refusalOf(() -> tally.core().discounts().remove(RESELLER, ACME)))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  /**
   * A reseller's discounts are read together and kept for the catalogue's time to live: another
   * customer of the reseller is charged from memory, and a discount given by another server (not
   * announced here) applies once the reseller's entry expires.
   */
  @Test
  void aResellersDiscountsAreReadTogetherAndAnotherServersShowOnceTheyExpire() {
    ProductResource perToken = tally.aPayPerUseResource("0.001");
    tally.aCustomer("acme").recharged("10");
    tally.aCustomer("globex").recharged("10");
    discount(RESELLER, "0.5");
    tally.use("acme", perToken, "1000");
    CacheReport before = discountCache();

    UsageRecord globex = tally.use("globex", perToken, "1000").usage();
    CustomerDiscount givenElsewhere =
        new CustomerDiscount(
            RESELLER, OrgId.of("globex"), new BigDecimal("0.8"), tally.clock().now());
    tally
        .store()
        .inTransaction(
            repos -> {
              repos.discounts().save(givenElsewhere);
              return null;
            });
    UsageRecord globexBeforeExpiry = tally.use("globex", perToken, "1000").usage();
    tally.advance(CoreSettings.PRODUCT_CACHE_DEFAULTS.ttl());
    UsageRecord globexAfterExpiry = tally.use("globex", perToken, "1000").usage();

    assertThat(globex.sellPrice()).isEqualTo(cny("1"));
    assertThat(discountCache().misses() - before.misses())
        .as("reads of the reseller's discounts: the expired entry only")
        .isEqualTo(1);
    assertThat(globexBeforeExpiry.sellPrice()).isEqualTo(cny("1"));
    assertThat(globexAfterExpiry.sellPrice()).isEqualTo(cny("0.8"));
    assertThat(tally.use("acme", perToken, "1000").usage().sellPrice()).isEqualTo(cny("0.5"));
  }

  private CacheReport discountCache() {
    return tally.core().caches().stream()
        .filter(cache -> cache.name().equals("discounts"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void quotesWithTheCustomersDiscountWhenAskedForACustomer() {
    tally.core().pricing().save(programme());
    discount(RESELLER, "0.95");

    PricingQuote anyone =
        tally
            .core()
            .pricing()
            .quote(new QuoteRequest(PricingProgramId.of("llm"), USAGE, Map.of(), Optional.empty()));
    PricingQuote forAcme =
        tally
            .core()
            .pricing()
            .quote(
                new QuoteRequest(
                    PricingProgramId.of("llm"),
                    USAGE,
                    Map.of(),
                    Optional.empty(),
                    Optional.of(new QuoteRequest.Customer(RESELLER, ACME)),
                    Optional.empty()));

    assertThat(anyone.customerDiscount()).isEqualByComparingTo("1");
    assertThat(anyone.total()).isEqualTo(cny("0.00768"));
    assertThat(forAcme.discount()).isEqualByComparingTo("0.8");
    assertThat(forAcme.customerDiscount()).isEqualByComparingTo("0.95");
    assertThat(forAcme.exactTotal()).isEqualByComparingTo("0.007296");
    assertThat(forAcme.total()).isEqualTo(cny("0.007296"));
  }

  @Test
  void setsReadsListsAndReplacesDiscounts() {
    CustomerDiscount first = discount(RESELLER, "0.900");
    discount(OrgId.of("reseller-2"), "0.8");
    CustomerDiscount replaced = discount(RESELLER, "0.85");

    assertThat(first.multiplier().toPlainString()).isEqualTo("0.9");
    assertThat(tally.core().discounts().discount(RESELLER, ACME)).isEqualTo(replaced);
    assertThat(
            tally.core()
                .discounts()
                .discounts(Optional.empty(), Optional.of(ACME), PageRequest.firstPage())
                .items())
        .extracting(CustomerDiscount::multiplier)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("0.85"), new BigDecimal("0.8"));
    assertThat(refusalOf(() -> tally.core().discounts().discount(RESELLER, OrgId.of("globex"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void refusesAMultiplierOutsideZeroToOneOrFinerThanSixDecimals() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SetDiscount(RESELLER, ACME, new BigDecimal("1.05")))
        .withMessageContaining("from 0 to 1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SetDiscount(RESELLER, ACME, new BigDecimal("-0.1")));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SetDiscount(RESELLER, ACME, new BigDecimal("0.1234567")))
        .withMessageContaining("6 decimals");
    assertThat(new SetDiscount(RESELLER, ACME, new BigDecimal("0")).multiplier()).isZero();
    assertThat(new SetDiscount(RESELLER, ACME, new BigDecimal("1.000")).multiplier().toPlainString())
        .isEqualTo("1");
  }
}
