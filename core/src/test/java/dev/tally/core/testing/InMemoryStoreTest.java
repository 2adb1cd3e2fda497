package dev.tally.core.testing;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.pricingProgram;
import static dev.tally.core.testing.Samples.product;
import static dev.tally.core.testing.Samples.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Reference;
import dev.tally.core.port.out.ProductRepository;
import dev.tally.core.port.out.Repositories;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the in-memory store does beyond the port contracts. */
final class InMemoryStoreTest {
  private final InMemoryStore store = new InMemoryStore();

  private Optional<Product> findProduct(String id) {
    return store.inTransaction(repositories -> repositories.products().find(ProductId.of(id)));
  }

  private Optional<PricingProgram> findProgram(PricingProgramId id) {
    return store.inTransaction(repositories -> repositories.pricing().find(id));
  }

  @Test
  void aSnapshotChangesWithACommittedWriteAndNotWithAFailedOne() {
    List<List<Object>> empty = store.snapshot();

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    repositories -> {
                      repositories.products().insert(product("p-1"));
                      throw new IllegalStateException("the work fails after writing");
                    }))
        .isInstanceOf(IllegalStateException.class);
    List<List<Object>> afterFailure = store.snapshot();
    store.inTransaction(
        repositories -> {
          repositories.products().insert(product("p-1"));
          return null;
        });

    assertThat(afterFailure).isEqualTo(empty);
    assertThat(store.snapshot()).isNotEqualTo(empty).anySatisfy(rows -> assertThat(rows).hasSize(1));
  }

  @Test
  void refusesRepositoriesUsedAfterTheirUnitOfWorkReturned() {
    Repositories leaked = store.inTransaction(repositories -> repositories);

    assertThatThrownBy(leaked::products).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesARepositoryUsedOutsideAUnitOfWork() {
    ProductRepository leaked = store.inTransaction(Repositories::products);

    assertThatThrownBy(() -> leaked.find(ProductId.of("p1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside inTransaction");
    assertThatThrownBy(() -> leaked.insert(product("p1")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesARepositoryUsedFromAnotherThreadDuringTheUnitOfWork() {
    Throwable failure =
        store.inTransaction(
            repositories ->
                CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            repositories.products().find(ProductId.of("p1"));
                            return null;
                          } catch (IllegalStateException expected) {
                            return expected;
                          }
                        })
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join());

    assertThat(failure).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void joinsANestedUnitOfWorkToTheOneAroundIt() {
    RuntimeException failure = new IllegalStateException("outer work fails after the nested one");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    outer -> {
                      outer.products().insert(product("p1"));
                      store.inTransaction(
                          inner -> {
                            assertThat(inner.products().find(ProductId.of("p1"))).isPresent();
                            inner.products().insert(product("p2"));
                            return null;
                          });
                      assertThat(outer.products().find(ProductId.of("p2"))).isPresent();
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(findProduct("p1"))
        .isEmpty();
    assertThat(findProduct("p2"))
        .isEmpty();
  }

  @Test
  void undoesOnlyTheWritesOfAFailedNestedUnitOfWork() {
    store.inTransaction(
        outer -> {
          outer.products().insert(product("p1"));
          assertThatThrownBy(
                  () ->
                      store.inTransaction(
                          inner -> {
                            inner.products().insert(product("p2"));
                            inner.products().update(product("p1").withStatus(ProductStatus.DRAFT));
                            throw new IllegalArgumentException("nested work fails");
                          }))
              .hasMessage("nested work fails");
          return null;
        });

    assertThat(findProduct("p1"))
        .contains(product("p1"));
    assertThat(findProduct("p2"))
        .isEmpty();
  }

  @Test
  void rollsBackWhenTheWorkThrowsAnError() {
    StackOverflowError error = new StackOverflowError("deep");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    repositories -> {
                      repositories.products().insert(product("p1"));
                      throw error;
                    }))
        .isSameAs(error);

    assertThat(findProduct("p1"))
        .isEmpty();
  }

  @Test
  void undoesManyWritesOfOneKeyBackToTheCommittedRow() {
    PricingProgramId id = PricingProgramId.of("prog-1");
    store.inTransaction(
        repositories -> {
          repositories.pricing().save(pricingProgram("prog-1"));
          return null;
        });

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    repositories -> {
                      for (int version = 4; version < 1_000; version++) {
                        repositories.pricing().save(version(version));
                        if (version % 3 == 0) {
                          repositories.pricing().delete(id);
                        }
                      }
                      throw new IllegalStateException("give up");
                    }))
        .hasMessage("give up");

    assertThat(findProgram(id))
        .contains(pricingProgram("prog-1"));
  }

  private static PricingProgram version(long version) {
    PricingProgram program = pricingProgram("prog-1");
    return new PricingProgram(
        program.id(), program.name(), program.currency(), BigDecimal.ONE, program.priceLists(),
        version);
  }

  @Test
  void namesTheDuplicateSourceRef() {
    store.inTransaction(
        repositories -> {
          repositories.usage().insert(usage("u1").sourceRef("chat_log", "m1").build());
          return null;
        });

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    repositories -> {
                      repositories.usage().insert(usage("u2").sourceRef("chat_log", "m1").build());
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("duplicate source ref")
        .hasMessageContaining("chat_log/m1");
  }

  @Test
  void writesNoLegOfATransactionItRefuses() {
    AccountId cash = AccountId.cash();
    AccountId customer = AccountId.customer(OrgId.of("org-1"));

    store.inTransaction(
        repositories -> {
          Map<AccountId, ChainHead> heads =
              repositories.ledger().lockHeads(List.of(cash, customer));
          LedgerTransaction valid =
              Samples.ledgerTransaction(
                  "t1", Operation.RECHARGE, new Reference("recharge", "pay-1"), cash, customer,
                  "10", heads, T0);
          // the cash leg follows the chain's head; the customer leg claims a sequence that skips one
          LedgerEntry customerLeg = valid.legs().get(1);
          LedgerEntry skipping =
              new LedgerEntry(
                  customerLeg.transactionId(), customerLeg.operation(), customerLeg.account(),
                  customerLeg.chain(), 3,
                  customerLeg.amount(), customerLeg.balanceAfter(), customerLeg.reference(),
                  customerLeg.memo(), customerLeg.createdAt(), customerLeg.bizDate(),
                  customerLeg.previousHash(), customerLeg.hash());
          LedgerTransaction broken =
              new LedgerTransaction(
                  valid.id(), valid.operation(), List.of(valid.legs().get(0), skipping));

          assertThatThrownBy(() -> repositories.ledger().append(broken))
              .isInstanceOf(IllegalStateException.class);
          assertThat(repositories.ledger().lockHeads(List.of(cash, customer)))
              .containsEntry(cash, ChainHead.GENESIS)
              .containsEntry(customer, ChainHead.GENESIS);
          repositories.ledger().append(valid);
          return null;
        });
  }

  @Test
  void servesTheNextUnitOfWorkAfterAFailureOnAnotherThread() throws Exception {
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    repositories -> {
                      throw new IllegalStateException("fails");
                    }))
        .hasMessage("fails");

    boolean served =
        CompletableFuture.supplyAsync(() -> store.inTransaction(repositories -> true))
            .get(10, TimeUnit.SECONDS);

    assertThat(served).isTrue();
  }
}
