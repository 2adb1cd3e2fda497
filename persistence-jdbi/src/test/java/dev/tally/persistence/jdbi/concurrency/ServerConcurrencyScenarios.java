package dev.tally.persistence.jdbi.concurrency;

import static dev.tally.persistence.jdbi.concurrency.Shop.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.UseResult;
import dev.tally.core.service.TallyCore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The concurrency scenarios, plus what needs a database server that runs units of work side by
 * side (H2 runs one at a time per process, so there every use waits for the open one whatever its
 * customer).
 */
abstract class ServerConcurrencyScenarios extends ConcurrencyScenarios {
  /**
   * No serial point per reseller: acme's use is held open after its writes, holding every lock it
   * took, and beta's use of the same reseller's product still commits. Before chains per customer,
   * acme's use held the reseller's revenue chain head and beta's waited for it.
   */
  @Test
  void aUseOfAnotherCustomerOfTheSameResellerCommitsWhileAUseIsOpen() throws Exception {
    HeldOpenUnitOfWork held = new HeldOpenUnitOfWork(storage.unitOfWork(), Duration.ofSeconds(30));
    TallyCore heldOpen = coreOver(held);
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    shop.customerWith("10", "0");
    shop.customerWith(OTHER_CUSTOMER, "10", "0");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      held.holdTheNext();
      Future<UseResult> acmeUse =
          threads.submit(() -> heldOpen.metering().use(shop.use("acme-held-open", TOKENS_PER_USE)));
      assertThat(held.awaitHolding(Duration.ofSeconds(10)))
          .as("acme's use has written everything and holds its locks")
          .isTrue();

      Future<UseResult> betaUse =
          threads.submit(
              () -> core.metering().use(shop.use(OTHER_CUSTOMER, "beta-meanwhile", TOKENS_PER_USE)));

      // a TimeoutException here means beta's use waited for acme's
      UseResult beta = betaUse.get(10, TimeUnit.SECONDS);
      assertThat(beta.replayed()).isFalse();
      assertThat(acmeUse).as("acme's use, still held open").isNotDone();
      assertThat(tables.usageRows(CUSTOMER)).as("acme's uncommitted use").isZero();
      assertThat(tables.usageRows(OTHER_CUSTOMER)).as("beta's committed use").isEqualTo(1);
      held.release();
      assertThat(acmeUse.get(10, TimeUnit.SECONDS).replayed()).isFalse();
    } finally {
      held.release();
      threads.shutdownNow();
    }

    assertThat(shop.balance().balance().amount()).isEqualByComparingTo("9");
    assertThat(core.balances().balance(OTHER_CUSTOMER).balance().amount())
        .isEqualByComparingTo("9");
    assertThat(
            core.ledger()
                .records(
                    LedgerQuery.forAccount(AccountId.revenue(Shop.RESELLER)),
                    PageRequest.first(10))
                .items())
        .extracting(leg -> leg.chain().toString())
        .as("each revenue leg is in its customer's chain")
        .containsExactlyInAnyOrder("customer:acme", "customer:beta");
    assertLedgerClean(core);
  }
}
