package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.activeSubscription;
import static dev.tally.core.testing.Samples.balance;
import static dev.tally.core.testing.Samples.cny;
import static dev.tally.core.testing.Samples.hold;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static dev.tally.core.testing.Samples.pricingProgram;
import static dev.tally.core.testing.Samples.product;
import static dev.tally.core.testing.Samples.resource;
import static dev.tally.core.testing.Samples.supplier;
import static dev.tally.core.testing.Samples.supplierLink;
import static dev.tally.core.testing.Samples.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Reference;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link UnitOfWork} does: commit every write when the work returns, none when it
 * throws, hand the work's exception to the caller unchanged, and keep concurrent units of work
 * from losing each other's updates. Subclasses give a fresh, empty store per test. Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class UnitOfWorkContract {
  private static final OrgId ORG_1 = OrgId.of("org-1");
  private static final AccountId CUSTOMER_1 = AccountId.customer(ORG_1);

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<Repositories> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories);
          return null;
        });
  }

  private static LedgerTransaction appendRecharge(Repositories repositories, String id) {
    Map<AccountId, ChainHead> heads =
        repositories.ledger().lockHeads(List.of(CUSTOMER_1));
    LedgerTransaction recharge =
        Samples.ledgerTransaction(
            id, Operation.RECHARGE, new Reference(Reference.RECHARGE, "pay-" + id),
            AccountId.cash(), CUSTOMER_1, "100", heads, T0);
    repositories.ledger().append(recharge);
    return recharge;
  }

  @Test
  public void commitsEveryWriteWhenTheWorkReturns() {
    UsageRecord use = usage("u1").build();

    LedgerTransaction recharge =
        store.inTransaction(
            repositories -> {
              repositories.products().insert(product("p1"));
              repositories.balances().insert(balance("org-1"));
              repositories.usage().insert(use);
              return appendRecharge(repositories, "t1");
            });

    write(
        repositories -> {
          assertThat(repositories.products().find(ProductId.of("p1"))).contains(product("p1"));
          assertThat(repositories.balances().find(ORG_1)).contains(balance("org-1"));
          assertThat(repositories.usage().findBySourceRef(use.sourceRef())).contains(use);
          assertThat(repositories.ledger().findByReference(recharge.reference()))
              .containsExactly(recharge);
        });
  }

  @Test
  public void seesItsOwnWritesBeforeItCommits() {
    write(
        repositories -> {
          repositories.balances().insert(balance("org-1"));
          CustomerBalance suspended = balance("org-1").suspended(minutesAfterT0(1));
          repositories.balances().update(suspended);
          assertThat(repositories.balances().lock(ORG_1)).contains(suspended);
          LedgerTransaction first = appendRecharge(repositories, "t1");
          LedgerTransaction second = appendRecharge(repositories, "t2");
          // both recharges are in the customer's chain: cash 1, customer 2, cash 3, customer 4
          assertThat(repositories.ledger().lockHeads(List.of(CUSTOMER_1)).get(CUSTOMER_1))
              .isEqualTo(new ChainHead(4, second.legs().get(1).hash()));
          assertThat(first.legs().get(1).sequence()).isEqualTo(2);
        });
  }

  @Test
  public void rollsBackEveryWriteOfAFailedUnitOfWorkAndRethrowsTheSameException() {
    write(
        repositories -> {
          repositories.products().insert(product("p1"));
          repositories.balances().insert(balance("org-1"));
          repositories.supplierLinks().insert(supplierLink("r1", "supplier-1", 1));
          repositories.pricing().save(pricingProgram("prog-1"));
          repositories.subscriptions().insert(activeSubscription("s1", "org-1", "p1"));
          repositories.holds().insert(hold("h1"));
          appendRecharge(repositories, "t1");
        });
    Map<AccountId, ChainHead> headsBefore =
        store.inTransaction(
            repositories ->
                repositories.ledger().lockHeads(List.of(AccountId.cash(), CUSTOMER_1)));
    TallyException refusal =
        TallyException.of(ErrorCode.INSUFFICIENT_BALANCE, "refused after writing everywhere");

    assertThatThrownBy(() -> write(repositories -> writeEverywhereThenFail(repositories, refusal)))
        .isSameAs(refusal);

    write(
        repositories -> {
          assertThat(repositories.products().find(ProductId.of("p1"))).contains(product("p1"));
          assertThat(repositories.products().find(ProductId.of("p2"))).isEmpty();
          assertThat(repositories.suppliers().find(OrgId.of("supplier-9"))).isEmpty();
          assertThat(repositories.resources().find(ProductResourceId.of("r9"))).isEmpty();
          assertThat(
                  repositories.resources()
                      .findByKey(ProductId.of("p1"), ResourceType.LLM, "gpt-4o"))
              .isEmpty();
          assertThat(repositories.balances().find(ORG_1)).contains(balance("org-1"));
          assertThat(repositories.balances().find(OrgId.of("org-2"))).isEmpty();
          assertThat(repositories.usage().find(UsageId.of("u1"))).isEmpty();
          assertThat(repositories.usage().findBySourceRef(usage("u1").build().sourceRef()))
              .isEmpty();
          assertThat(
                  repositories.ledger().lockHeads(List.of(AccountId.cash(), CUSTOMER_1)))
              .isEqualTo(headsBefore);
          assertThat(
                  repositories.ledger().list(LedgerQuery.ALL, PageRequest.firstPage()).total())
              .isEqualTo(2);
          assertThat(
                  repositories.ledger()
                      .findByReference(new Reference(Reference.RECHARGE, "pay-t2")))
              .isEmpty();
          assertThat(
                  repositories.supplierLinks()
                      .find(ProductResourceId.of("r1"), OrgId.of("supplier-1")))
              .contains(supplierLink("r1", "supplier-1", 1));
          assertThat(repositories.pricing().find(PricingProgramId.of("prog-1")))
              .contains(pricingProgram("prog-1"));
          assertThat(repositories.pricing().find(PricingProgramId.of("prog-2"))).isEmpty();
          assertThat(repositories.subscriptions().find(SubscriptionId.of("s1")))
              .contains(activeSubscription("s1", "org-1", "p1"));
          assertThat(repositories.subscriptions().find(SubscriptionId.of("s2"))).isEmpty();
          assertThat(repositories.subscriptions().findCurrent(ORG_1, ProductId.of("p1")))
              .contains(activeSubscription("s1", "org-1", "p1"));
          assertThat(repositories.holds().find(HoldId.of("h1"))).contains(hold("h1"));
          assertThat(repositories.holds().find(HoldId.of("h2"))).isEmpty();
          assertThat(repositories.holds().findExpired(hold("h1").expiresAt(), 10))
              .containsExactly(hold("h1"));
        });
  }

  /** Inserts, updates and deletes through every repository, then throws {@code failure}. */
  private static void writeEverywhereThenFail(Repositories repositories, RuntimeException failure) {
    repositories.products().insert(product("p2"));
    repositories.products().update(product("p1").withStatus(ProductStatus.RETIRED));
    repositories.suppliers().insert(supplier("supplier-9"));
    repositories.resources().insert(resource("r9", "p1", "gpt-4o"));
    repositories.balances()
        .update(balance("org-1").moved(cny("-5"), 9, Operation.PAY, minutesAfterT0(1)));
    repositories.balances().insert(balance("org-2"));
    repositories.usage().insert(usage("u1").build());
    appendRecharge(repositories, "t2");
    repositories.supplierLinks().delete(ProductResourceId.of("r1"), OrgId.of("supplier-1"));
    repositories.pricing().delete(PricingProgramId.of("prog-1"));
    repositories.pricing().save(pricingProgram("prog-2"));
    repositories.subscriptions()
        .update(activeSubscription("s1", "org-1", "p1").withStatus(SubscriptionStatus.CANCELLED));
    repositories.subscriptions().insert(activeSubscription("s2", "org-1", "p2"));
    repositories.holds().update(hold("h1").released(HoldStatus.VOIDED, minutesAfterT0(1)));
    repositories.holds().insert(hold("h2"));
    throw failure;
  }

  @Test
  public void rollsBackAUnitOfWorkThatFailsOnARefusedWrite() {
    write(repositories -> repositories.products().insert(product("p1")));

    assertThatThrownBy(
            () ->
                write(
                    repositories -> {
                      repositories.balances().insert(balance("org-1"));
                      repositories.products().insert(product("p1"));
                    }))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);

    write(repositories -> assertThat(repositories.balances().find(ORG_1)).isEmpty());
  }

  @Test
  public void keepsWorkingAfterARolledBackUnitOfWork() {
    assertThatThrownBy(
            () ->
                write(
                    repositories -> {
                      repositories.products().insert(product("p1"));
                      throw new IllegalArgumentException("changed my mind");
                    }))
        .hasMessage("changed my mind");

    write(repositories -> repositories.products().insert(product("p1")));

    write(
        repositories ->
            assertThat(repositories.products().find(ProductId.of("p1"))).contains(product("p1")));
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  public void losesNoUpdateOfABalanceLockedByConcurrentUnitsOfWork() throws Exception {
    int threads = 8;
    int unitsEach = 50;
    CustomerBalance opened = CustomerBalance.open(ORG_1, Currency.CNY, T0);
    write(repositories -> repositories.balances().insert(opened));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<Void> worker =
            () -> {
              start.await();
              for (int i = 0; i < unitsEach; i++) {
                write(
                    repositories -> {
                      CustomerBalance balance = repositories.balances().lock(ORG_1).orElseThrow();
                      // give a racing writer every chance to slip in between read and write
                      Thread.yield();
                      repositories.balances()
                          .update(
                              balance.moved(
                                  cny("1"), balance.ledgerSequence() + 1, Operation.RECHARGE,
                                  T0));
                    });
              }
              return null;
            };
        workers.add(pool.submit(worker));
      }
      start.countDown();
      for (Future<Void> worker : workers) {
        worker.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    CustomerBalance after =
        store.inTransaction(repositories -> repositories.balances().find(ORG_1).orElseThrow());
    assertThat(after.balance()).isEqualTo(cny(Integer.toString(threads * unitsEach)));
    assertThat(after.ledgerSequence()).isEqualTo(threads * unitsEach);
  }
}
