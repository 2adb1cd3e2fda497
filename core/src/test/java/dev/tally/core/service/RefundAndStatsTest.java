package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Reference;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsGrouping;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.Refund;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.testing.TestTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Refunds of charged uses, and the usage statistics (used, cost, revenue, margin). */
class RefundAndStatsTest {
  private static final Instant SECOND_DAY = Instant.parse("2026-03-01T20:00:00Z");

  private final TestTally tally = TestTally.create();
  private final Metering metering = tally.core().metering();

  // --- refunds

  @Test
  void refundGivesBackUpToTheCharge() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");
    UsageRecord usage = tally.use("acme", llm, "1000").usage();

    LedgerTransaction first = metering.refund(new Refund(usage.id(), cny("0.5"), "slow answer"));

    assertThat(first.operation()).isEqualTo(Operation.REFUND);
    assertThat(tally.operationsFor(Reference.usage(usage.id()))).contains(Operation.REFUND);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.5000"));
    assertThat(tally.accountTotal(AccountId.revenue(TestTally.RESELLER)))
        .isEqualByComparingTo("1.5");

    metering.refund(new Refund(usage.id(), cny("1.5"), "no answer at all"));

    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.accountTotal(AccountId.revenue(TestTally.RESELLER)))
        .isEqualByComparingTo("0");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesToRefundMoreThanWhatIsLeftOfTheCharge() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");
    UsageRecord usage = tally.use("acme", llm, "1000").usage();

    ErrorCode tooMuch =
        refusalOf(() -> metering.refund(new Refund(usage.id(), cny("2.0001"), "too much")));
    metering.refund(new Refund(usage.id(), cny("1.5"), "partly"));
    ErrorCode beyondTheRest =
        refusalOf(() -> metering.refund(new Refund(usage.id(), cny("0.5001"), "again")));

    assertThat(tooMuch).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(beyondTheRest).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("9.5000"));
    assertThat(tally.operationsFor(Reference.usage(usage.id())))
        .filteredOn(operation -> operation == Operation.REFUND)
        .hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesToRefundAUseThatWasNotCharged() {
    ProductResource quota = tally.aResourceSoldIn(BillingMode.QUOTA, "0.002");
    tally.aCustomer("acme").recharged("10").subscribedTo(quota, "1000");
    UsageRecord usage = tally.use("acme", quota, "100").usage();

    ErrorCode refusal =
        refusalOf(() -> metering.refund(new Refund(usage.id(), cny("0.0001"), "free anyway")));

    assertThat(refusal).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  // --- statistics

  /**
   * Five uses over two products (and suppliers), two orgs, two users and two business days; the
   * last two happen at 2026-03-01T20:00Z, which is 2026-03-02 04:00 in Shanghai:
   *
   * <pre>
   * day        org   user    product (price, cost)               used  revenue  cost
   * 2026-03-01 acme  user-1  chat   (0.002, supplier-1 0.001)     1000  2.0      1.0
   * 2026-03-01 beta  user-2  chat                                  500  1.0      0.5
   * 2026-03-01 acme  user-2  search (0.01,  s-2 0.004)              100  1.0      0.4
   * 2026-03-02 beta  user-1  search                                300  3.0      1.2
   * 2026-03-02 acme  user-1  chat                                 2000  4.0      2.0
   * </pre>
   */
  private final class FiveUses {
    final ProductResource chat = tally.aPayPerUseResource("0.002");
    final Product searchProduct = tally.aPublishedProduct("search");
    final ProductResource search =
        tally.anLlmResource(searchProduct, BillingMode.PAY_PER_USE, "0.01");
    private int uses;

    FiveUses() {
      tally.linked(search, "s-2", "0.004", 0);
      tally.aCustomer("acme").recharged("20");
      tally.aCustomer("beta").recharged("20");
      use("acme", "user-1", chat, "1000");
      use("beta", "user-2", chat, "500");
      use("acme", "user-2", search, "100");
      tally.clock().set(SECOND_DAY);
      use("beta", "user-1", search, "300");
      use("acme", "user-1", chat, "2000");
    }

    private void use(String org, String user, ProductResource resource, String amount) {
      metering.use(
          UseCommand.builder(resource.productId(), UserId.of(user), OrgId.of(org))
              .used(tokens(amount))
              .sourceRef(SourceRef.of("stats", "use-" + ++uses))
              .build());
    }
  }

  private Map<String, UsageStats> statsBy(StatsGrouping grouping) {
    return statsBy(StatsQuery.by(grouping));
  }

  private Map<String, UsageStats> statsBy(StatsQuery query) {
    List<UsageStats> rows = metering.statistics(query);
    assertThat(rows).allSatisfy(row -> assertThat(row.unit()).isEqualTo("token"));
    return rows.stream().collect(Collectors.toMap(UsageStats::key, Function.identity()));
  }

  private static void assertTotals(
      UsageStats stats, long uses, String used, String cost, String revenue, String margin) {
    assertThat(stats.uses()).as("uses of %s", stats.key()).isEqualTo(uses);
    assertThat(stats.used()).as("used of %s", stats.key()).isEqualByComparingTo(used);
    assertThat(stats.cost()).as("cost of %s", stats.key()).isEqualByComparingTo(cost);
    assertThat(stats.revenue()).as("revenue of %s", stats.key()).isEqualByComparingTo(revenue);
    assertThat(stats.margin()).as("margin of %s", stats.key()).isEqualByComparingTo(margin);
  }

  @Test
  void groupsStatisticsByProduct() {
    FiveUses uses = new FiveUses();

    Map<String, UsageStats> byProduct = statsBy(StatsGrouping.PRODUCT);

    assertThat(byProduct).hasSize(2);
    assertTotals(byProduct.get(uses.chat.productId().value()), 3, "3500", "3.5", "7.0", "3.5");
    assertTotals(byProduct.get(uses.searchProduct.id().value()), 2, "400", "1.6", "4.0", "2.4");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void groupsStatisticsBySupplier() {
    new FiveUses();

    Map<String, UsageStats> bySupplier = statsBy(StatsGrouping.SUPPLIER);

    assertThat(bySupplier).containsOnlyKeys("supplier-1", "s-2");
    assertTotals(bySupplier.get("supplier-1"), 3, "3500", "3.5", "7.0", "3.5");
    assertTotals(bySupplier.get("s-2"), 2, "400", "1.6", "4.0", "2.4");
  }

  @Test
  void groupsStatisticsByOrg() {
    new FiveUses();

    Map<String, UsageStats> byOrg = statsBy(StatsGrouping.ORG);

    assertThat(byOrg).containsOnlyKeys("acme", "beta");
    assertTotals(byOrg.get("acme"), 3, "3100", "3.4", "7.0", "3.6");
    assertTotals(byOrg.get("beta"), 2, "800", "1.7", "4.0", "2.3");
  }

  @Test
  void groupsStatisticsByUser() {
    new FiveUses();

    Map<String, UsageStats> byUser = statsBy(StatsGrouping.USER);

    assertThat(byUser).containsOnlyKeys("user-1", "user-2");
    assertTotals(byUser.get("user-1"), 3, "3300", "4.2", "9.0", "4.8");
    assertTotals(byUser.get("user-2"), 2, "600", "0.9", "2.0", "1.1");
  }

  @Test
  void groupsStatisticsByBusinessDay() {
    new FiveUses();

    Map<String, UsageStats> byDay = statsBy(StatsGrouping.DAY);

    assertThat(byDay).containsOnlyKeys("2026-03-01", "2026-03-02");
    assertTotals(byDay.get("2026-03-01"), 3, "1600", "1.9", "4.0", "2.1");
    assertTotals(byDay.get("2026-03-02"), 2, "2300", "3.2", "7.0", "3.8");
  }

  @Test
  void filtersStatisticsByUseTime() {
    new FiveUses();

    Map<String, UsageStats> fromSecondDay =
        statsBy(
            new StatsQuery(
                StatsGrouping.ORG, Optional.of(SECOND_DAY), Optional.empty(), Optional.empty()));
    Map<String, UsageStats> beforeSecondDay =
        statsBy(
            new StatsQuery(
                StatsGrouping.ORG, Optional.empty(), Optional.of(SECOND_DAY), Optional.empty()));

    // from is inclusive
    assertTotals(fromSecondDay.get("acme"), 1, "2000", "2.0", "4.0", "2.0");
    assertTotals(fromSecondDay.get("beta"), 1, "300", "1.2", "3.0", "1.8");
    // to is exclusive
    assertTotals(beforeSecondDay.get("acme"), 2, "1100", "1.4", "3.0", "1.6");
    assertTotals(beforeSecondDay.get("beta"), 1, "500", "0.5", "1.0", "0.5");
  }
}
