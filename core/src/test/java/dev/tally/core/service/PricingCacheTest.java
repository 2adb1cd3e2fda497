package dev.tally.core.service;

import static dev.tally.core.sync.SyncEntity.PRICING;
import static dev.tally.core.testing.ScriptedUpstream.lastPage;
import static dev.tally.core.testing.ScriptedUpstream.program;
import static dev.tally.core.testing.ScriptedUpstream.tombstone;
import static dev.tally.core.testing.TestTally.cny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.port.in.QuoteRequest;
import dev.tally.core.port.out.PricingRepository;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.sync.SyncReport.Outcome;
import dev.tally.core.testing.InMemoryStore;
import dev.tally.core.testing.TestTally;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pricing cache on the use path: a use reads its programme from memory; a sync or a save of a
 * programme changes the price of the next use at once; a change made behind this process's back
 * (another server) shows once the entry expires; the figures count hits, misses and evictions.
 */
class PricingCacheTest {
  private static final PricingProgramId PROGRAM = PricingProgramId.of("llm-prices");
  private static final Duration TTL = CacheSettings.DEFAULTS.ttl();

  private final TestTally tally = TestTally.create();
  private ProductResource resource;

  /** {@code perThousand} CNY per thousand tokens, from 2026-01-01 on. */
  private static PricingProgram programme(String perThousand, long version) {
    PriceLine tokens =
        new PriceLine(List.of("token"), List.of(new BigDecimal(perThousand)), "千", List.of());
    PriceList list =
        new PriceList(
            LocalDate.of(2026, 1, 1),
            Optional.empty(),
            Map.of("千", new BigDecimal("1000")),
            List.of(tokens));
    return new PricingProgram(
        PROGRAM, "LLM prices", Currency.CNY, BigDecimal.ONE, List.of(list), version);
  }

  /** A customer with 100 CNY and a pay-per-use resource priced by {@link #PROGRAM}. */
  private void aResourcePricedBy(PricingProgram program) {
    tally.core().pricing().save(program);
    resource =
        tally.aProgramPricedResource(
            tally.aPublishedProduct("chat"), BillingMode.PAY_PER_USE, PROGRAM);
    tally.linked(resource, TestTally.SUPPLIER.value(), "0.0001", 0);
    tally.aCustomer("acme").recharged("100");
  }

  private String priceOfAThousandTokens() {
    return tally.use("acme", resource, "1000").usage().sellPrice().amount().toPlainString();
  }

  private CacheReport report() {
    return tally.core().caches().stream()
        .filter(cache -> cache.name().equals("pricing"))
        .findFirst()
        .orElseThrow();
  }

  /** What another server does to the shared database: its change is not announced here. */
  private void changedBehindOurBack(PricingProgram program) {
    tally
        .store()
        .inTransaction(
            repos -> {
              repos.pricing().save(program);
              return null;
            });
  }

  @Test
  void aProgrammeChangeArrivingBySyncChangesThePriceOfTheNextUse() {
    aResourcePricedBy(programme("2", 1));
    assertThat(priceOfAThousandTokens()).isEqualTo("2.000000");
    tally.upstream().answers(PRICING, lastPage("v2", program(programme("3", 2))));

    assertThat(tally.core().sync().run(PRICING).outcome()).isEqualTo(Outcome.COMPLETED);

    assertThat(priceOfAThousandTokens()).isEqualTo("3.000000");
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("95.0000"));
  }

  @Test
  void aProgrammeDeletedBySyncNoLongerPricesUses() {
    aResourcePricedBy(programme("2", 1));
    priceOfAThousandTokens();
    tally.upstream().answers(PRICING, lastPage("v2", tombstone(PROGRAM.value())));

    tally.core().sync().run(PRICING);

    assertThat(TestTally.refusalOf(() -> tally.use("acme", resource, "1000")))
        .isEqualTo(ErrorCode.PRICE_NOT_FOUND);
  }

  @Test
  void aSavedProgrammeChangesThePriceOfTheNextUseAndOfQuotes() {
    aResourcePricedBy(programme("2", 1));
    priceOfAThousandTokens();

    tally.core().pricing().save(programme("5", 2));

    assertThat(priceOfAThousandTokens()).isEqualTo("5.000000");
    assertThat(
            tally
                .core()
                .pricing()
                .quote(
                    new QuoteRequest(
                        PROGRAM,
                        Map.of("token", new BigDecimal("1000")),
                        Map.of(),
                        Optional.empty()))
                .total())
        .isEqualTo(cny("5.0000"));
  }

  @Test
  void aChangeMadeByAnotherServerShowsOnceTheEntryExpires() {
    aResourcePricedBy(programme("2", 1));
    assertThat(priceOfAThousandTokens()).isEqualTo("2.000000");

    changedBehindOurBack(programme("4", 2));

    assertThat(priceOfAThousandTokens()).isEqualTo("2.000000");
    tally.advance(TTL.minusSeconds(1));
    assertThat(priceOfAThousandTokens()).isEqualTo("2.000000");
    tally.advance(Duration.ofSeconds(1));
    assertThat(priceOfAThousandTokens()).isEqualTo("4.000000");
  }

  @Test
  void countsHitsAndMissesOfTheUsePath() {
    aResourcePricedBy(programme("2", 1));
    CacheReport before = report();

    priceOfAThousandTokens();
    priceOfAThousandTokens();
    priceOfAThousandTokens();

    CacheReport after = report();
    assertThat(after.misses() - before.misses()).isEqualTo(1);
    assertThat(after.hits() - before.hits()).isEqualTo(2);
    assertThat(after.requests() - before.requests()).isEqualTo(3);
    assertThat(after.size()).isEqualTo(1);
    assertThat(after.maximumSize()).isEqualTo(CacheSettings.DEFAULTS.maximumSize());
  }

  /** A pricing cache of its own, reading programmes as the use path does. */
  private ReadThroughCache<PricingProgramId, PricingProgram> pricingCache(CacheSettings settings) {
    return new ReadThroughCache<>(
        "pricing", settings, tally.clock().ticker(), (repos, id) -> repos.pricing().find(id));
  }

  @Test
  void evictsTheLeastRecentlyUsedProgrammeBeyondItsSize() {
    ReadThroughCache<PricingProgramId, PricingProgram> cache = pricingCache(new CacheSettings(1, TTL));
    PricingProgram other =
        new PricingProgram(
            PricingProgramId.of("other"), "Other", Currency.CNY, BigDecimal.ONE,
            programme("1", 1).priceLists(), 1);
    InMemoryStore store = tally.store();
    changedBehindOurBack(programme("2", 1));
    changedBehindOurBack(other);

    store.inTransaction(repos -> cache.find(repos, PROGRAM));
    store.inTransaction(repos -> cache.find(repos, other.id()));

    assertThat(cache.report().size()).isEqualTo(1);
    assertThat(cache.report().evictions()).isEqualTo(1);
  }

  @Test
  void aCacheOfSizeZeroReadsStorageEveryTime() {
    TestTally uncached =
        TestTally.create(CoreSettings.DEFAULTS.withPricingCache(new CacheSettings(0, TTL)));
    uncached.core().pricing().save(programme("2", 1));
    ProductResource priced =
        uncached.aProgramPricedResource(
            uncached.aPublishedProduct("chat"), BillingMode.PAY_PER_USE, PROGRAM);
    uncached.linked(priced, TestTally.SUPPLIER.value(), "0.0001", 0);
    uncached.aCustomer("acme").recharged("100");
    uncached.use("acme", priced, "1000");

    uncached
        .store()
        .inTransaction(
            repos -> {
              repos.pricing().save(programme("7", 2));
              return null;
            });

    assertThat(uncached.use("acme", priced, "1000").usage().sellPrice()).isEqualTo(cny("7.0000"));
    assertThat(uncached.core().caches().get(0).size()).isZero();
  }

  /**
   * A lookup that read a programme before a sync committed and was invalidated, must not put the
   * old programme back into the cache after the invalidation.
   */
  @Test
  void keepsNoProgrammeReadBeforeAnInvalidation() {
    ReadThroughCache<PricingProgramId, PricingProgram> cache = pricingCache(CacheSettings.DEFAULTS);
    PricingProgram old = programme("2", 1);
    PricingRepository racing =
        new PricingRepository() {
          @Override
          public void save(PricingProgram program) {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean delete(PricingProgramId id) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Optional<PricingProgram> find(PricingProgramId id) {
            // the read saw the old programme; meanwhile a sync stored a new one and invalidated
            cache.invalidateIf(any -> true);
            return Optional.of(old);
          }

          @Override
          public Page<PricingProgram> list(PageRequest page) {
            throw new UnsupportedOperationException();
          }
        };
    Repositories repos =
        (Repositories)
            Proxy.newProxyInstance(
                Repositories.class.getClassLoader(),
                new Class<?>[] {Repositories.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("pricing")) {
                    return racing;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });

    assertThat(cache.find(repos, PROGRAM)).contains(old);

    assertThat(cache.report().size()).isZero();
  }
}
