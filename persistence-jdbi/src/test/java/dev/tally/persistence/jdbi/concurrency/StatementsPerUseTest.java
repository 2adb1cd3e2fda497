package dev.tally.persistence.jdbi.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.out.Clock;
import dev.tally.core.service.CacheSettings;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.GroupCommitSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.service.TimeOrderedIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How many statements a pay-per-use use with a supplier sends to the database: alone without the
 * catalogue cache (as before it), alone with warm caches (a use's unit of work reads no
 * catalogue), and within a group of 100.
 */
class StatementsPerUseTest {
  private static final int USES = 100;

  private static final CacheSettings WARM = new CacheSettings(10_000, Duration.ofMinutes(10));
  private static final CacheSettings NO_CACHE = new CacheSettings(0, Duration.ZERO);

  @Test
  void withoutTheCatalogueCacheALoneUseReadsTheCatalogueToo() {
    double perUse = statementsPerUse(GroupCommitSettings.OFF, NO_CACHE, false);

    // the product, its resources, the discount, the supplier links and the supplier
    assertThat(perUse).isEqualTo(13);
  }

  @Test
  void aLoneUseOnlyLocksAndWrites() {
    double perUse = statementsPerUse(GroupCommitSettings.OFF, WARM, false);

    // as a group of one: lock the balance, lock the current subscription, lock the customer's
    // chain head, find the source ref; insert the usage row, insert the legs of PAY and PAY_COST,
    // move the head, update the balance. No catalogue read. (Step by step, it took 11: the head
    // locked, the legs inserted and the head moved once per posting.)
    assertThat(perUse).isEqualTo(8);
  }

  @Test
  void loneUsesOfManyCustomersReadNoDiscount() {
    double perUse = statementsPerUse(GroupCommitSettings.OFF, WARM, false, USES);

    // the reseller's discounts, all of them, were read by the warm-up's use (per customer, each
    // customer's first use read its own: 9 statements)
    assertThat(perUse).isEqualTo(8);
  }

  @Test
  void aUseInAGroupCostsAFractionOfAStatement() {
    double perUse = statementsPerUse(GroupCommitSettings.DEFAULTS, WARM, true);

    assertThat(perUse).isLessThan(1);
  }

  @Test
  void aGroupOfManyCustomersLocksEachKindOfTheirRowsTogether() {
    double perUse = statementsPerUse(GroupCommitSettings.DEFAULTS, WARM, true, USES);

    // one by one, locking the 100 customers' balances alone would take one statement per use
    assertThat(perUse).isLessThan(0.5);
  }

  private static double statementsPerUse(
      GroupCommitSettings groupCommit, CacheSettings productCache, boolean asOneBatch) {
    return statementsPerUse(groupCommit, productCache, asOneBatch, 1);
  }

  /** Counts the statements of {@value #USES} uses spread over {@code customers} customers. */
  private static double statementsPerUse(
      GroupCommitSettings groupCommit,
      CacheSettings productCache,
      boolean asOneBatch,
      int customers) {
    TestDatabase database = TestDatabase.H2;
    database.emptyStorage();
    StatementCounter counter = new StatementCounter(database.dataSource());
    Clock clock = Clock.system();
    TallyCore core =
        new TallyCore(
            JdbiStorage.create(counter.dataSource()).unitOfWork(),
            clock,
            new TimeOrderedIds(clock),
            CoreSettings.DEFAULTS.withGroupCommit(groupCommit).withProductCache(productCache));
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, "0.001", "0.0005");
    List<OrgId> orgs =
        IntStream.range(0, customers).mapToObj(i -> OrgId.of("customer-" + i)).toList();
    orgs.forEach(org -> shop.customerWith(org, "1000", "0"));
    core.metering().use(shop.use(orgs.get(0), "warm-up", 1000));
    List<UseCommand> uses =
        IntStream.range(0, USES)
            .mapToObj(i -> shop.use(orgs.get(i % customers), "counted-" + i, 1000))
            .toList();

    long before = counter.executed();
    if (asOneBatch) {
      core.metering().useAll(uses);
    } else {
      uses.forEach(core.metering()::use);
    }
    double perUse = (counter.executed() - before) / (double) USES;

    System.out.printf(
        Locale.ROOT,
        "[statements] %s, %d customers, catalogue cache %s: %.2f statements per use%n",
        asOneBatch ? "a batch of " + USES + ", grouped" : "one by one",
        customers,
        productCache.maximumSize() == 0 ? "off" : "on",
        perUse);
    return perUse;
  }
}
