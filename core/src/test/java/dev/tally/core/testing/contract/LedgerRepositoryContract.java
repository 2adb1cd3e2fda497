package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Reference;
import dev.tally.core.model.UsageId;
import dev.tally.core.port.out.LedgerRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.Samples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerRepository} does: it hands out chain heads (genesis for a chain without
 * legs), appends only transactions whose legs lie in one chain and follow its head, moves the
 * heads, and finds, lists (newest first, then by chain and sequence, descending) and visits the
 * legs. A customer's transactions go into its own chain, as the bookkeeper writes them ({@link
 * Samples#chainOf}). Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes
 * one instance per test.
 */
public abstract class LedgerRepositoryContract {
  private static final AccountId CASH = AccountId.cash();
  private static final AccountId CUSTOMER_1 = AccountId.customer(OrgId.of("org-1"));
  private static final AccountId CUSTOMER_2 = AccountId.customer(OrgId.of("org-2"));
  private static final AccountId REVENUE = AccountId.revenue(Samples.RESELLER);
  private static final AccountId COST = AccountId.cost(Samples.RESELLER);
  private static final AccountId PAYABLE = AccountId.payable(OrgId.of("supplier-1"));

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<LedgerRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.ledger());
          return null;
        });
  }

  private <T> T read(Function<LedgerRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.ledger()));
  }

  private List<LedgerTransaction> findByReference(Reference reference) {
    return read(ledger -> ledger.findByReference(reference));
  }

  private Page<LedgerEntry> list(LedgerQuery query, PageRequest page) {
    return read(ledger -> ledger.list(query, page));
  }

  /** Locks the head of the transfer's chain and appends the transfer numbered after it. */
  private LedgerTransaction transfer(
      String id,
      Operation operation,
      Reference reference,
      AccountId from,
      AccountId to,
      String amount,
      Instant at) {
    return read(
        ledger -> {
          Map<AccountId, ChainHead> heads = ledger.lockHeads(List.of(Samples.chainOf(from, to)));
          LedgerTransaction transaction =
              Samples.ledgerTransaction(id, operation, reference, from, to, amount, heads, at);
          ledger.append(transaction);
          return transaction;
        });
  }

  private LedgerTransaction recharge(String id, AccountId customer, String amount, Instant at) {
    Reference payment = new Reference(Reference.RECHARGE, "pay-" + id);
    return transfer(id, Operation.RECHARGE, payment, CASH, customer, amount, at);
  }

  private LedgerTransaction charge(String id, AccountId customer, String amount, Instant at) {
    Reference use = Reference.usage(UsageId.of("use-" + id));
    return transfer(id, Operation.PAY, use, customer, REVENUE, amount, at);
  }

  private static LedgerEntry legOn(LedgerTransaction transaction, AccountId account) {
    return transaction.legs().stream()
        .filter(leg -> leg.account().equals(account))
        .findFirst()
        .orElseThrow();
  }

  private static ChainHead headAt(LedgerEntry leg) {
    return new ChainHead(leg.sequence(), leg.hash());
  }

  private static LedgerEntry inChain(LedgerEntry leg, AccountId chain) {
    return new LedgerEntry(
        leg.transactionId(), leg.operation(), leg.account(), chain, leg.sequence(), leg.amount(),
        leg.balanceAfter(), leg.reference(), leg.memo(), leg.createdAt(), leg.bizDate(),
        leg.previousHash(), leg.hash());
  }

  @Test
  public void givesTheGenesisHeadToEveryChainWithoutLegs() {
    Map<AccountId, ChainHead> heads = read(ledger -> ledger.lockHeads(List.of(CUSTOMER_1, CASH)));

    assertThat(heads)
        .containsOnlyKeys(CUSTOMER_1, CASH)
        .containsEntry(CUSTOMER_1, ChainHead.GENESIS)
        .containsEntry(CASH, ChainHead.GENESIS);
  }

  @Test
  public void putsEveryLegOfACustomersTransactionsInItsChainAndMovesOnlyThatHead() {
    LedgerTransaction recharge = recharge("t1", CUSTOMER_1, "100.0000", T0);
    LedgerTransaction charge = charge("t2", CUSTOMER_1, "12.5000", minutesAfterT0(1));

    Map<AccountId, ChainHead> heads =
        read(ledger -> ledger.lockHeads(List.of(REVENUE, CUSTOMER_2, CASH, CUSTOMER_1)));

    assertThat(recharge.legs()).extracting(LedgerEntry::chain).containsOnly(CUSTOMER_1);
    assertThat(charge.legs()).extracting(LedgerEntry::chain).containsOnly(CUSTOMER_1);
    assertThat(heads)
        .containsOnlyKeys(REVENUE, CUSTOMER_2, CASH, CUSTOMER_1)
        .containsEntry(CUSTOMER_1, headAt(legOn(charge, REVENUE)))
        .containsEntry(CASH, ChainHead.GENESIS)
        .containsEntry(REVENUE, ChainHead.GENESIS)
        .containsEntry(CUSTOMER_2, ChainHead.GENESIS);
    assertThat(heads.get(CUSTOMER_1).sequence()).isEqualTo(4);
  }

  @Test
  public void appendsTransactionsThatContinueEachOthersChainsAtOnce() {
    recharge("t1", CUSTOMER_1, "100.0000", T0);
    recharge("t2", CUSTOMER_2, "100.0000", T0);
    List<LedgerTransaction> appended =
        read(
            ledger -> {
              Map<AccountId, ChainHead> heads =
                  new HashMap<>(ledger.lockHeads(List.of(CUSTOMER_1, CUSTOMER_2)));
              List<LedgerTransaction> transactions = new ArrayList<>();
              // 20 legs: as many as a group of uses brings, which PostgreSQL's storage takes by COPY
              for (int i = 3; i <= 12; i++) {
                AccountId customer = i % 2 == 0 ? CUSTOMER_2 : CUSTOMER_1;
                LedgerTransaction charge =
                    Samples.ledgerTransaction(
                        "t" + i, Operation.PAY, Reference.usage(UsageId.of("use-t" + i)),
                        customer, REVENUE, "1.5000", heads, minutesAfterT0(i));
                transactions.add(charge);
                // the revenue leg is the last of the transaction in the customer's chain
                heads.put(customer, headAt(legOn(charge, REVENUE)));
              }
              ledger.appendAll(transactions);
              return transactions;
            });

    Map<AccountId, ChainHead> heads =
        read(ledger -> ledger.lockHeads(List.of(CUSTOMER_1, CUSTOMER_2)));
    assertThat(heads)
        .containsEntry(CUSTOMER_1, headAt(legOn(appended.get(8), REVENUE)))
        .containsEntry(CUSTOMER_2, headAt(legOn(appended.get(9), REVENUE)));
    assertThat(heads.get(CUSTOMER_1).sequence()).isEqualTo(12);
    for (LedgerTransaction transaction : appended) {
      assertThat(findByReference(transaction.reference())).containsExactly(transaction);
    }
  }

  @Test
  public void roundTripsEveryFieldOfEveryLeg() {
    LedgerTransaction recharge =
        recharge("t1", CUSTOMER_1, "100.1234", Samples.instant("2026-01-02T23:59:59.999999Z"));
    LedgerTransaction cost =
        transfer(
            "t2", Operation.PAY_COST, Reference.usage(UsageId.of("u1")), COST, PAYABLE,
            "0.012345", minutesAfterT0(1));

    assertThat(findByReference(recharge.reference())).containsExactly(recharge);
    assertThat(findByReference(cost.reference())).containsExactly(cost);
    assertThat(list(LedgerQuery.ALL, PageRequest.first(10)).items())
        .containsExactlyInAnyOrder(
            legOn(recharge, CASH), legOn(recharge, CUSTOMER_1), legOn(cost, COST),
            legOn(cost, PAYABLE));
    assertThat(legOn(recharge, CUSTOMER_1).balanceAfter()).isPresent();
    assertThat(legOn(recharge, CASH).balanceAfter()).isEmpty();
  }

  @Test
  public void refusesALegThatSkipsASequence() {
    recharge("t1", CUSTOMER_1, "100", T0);

    assertThatThrownBy(
            () ->
                write(
                    ledger -> {
                      Map<AccountId, ChainHead> heads =
                          new HashMap<>(ledger.lockHeads(List.of(CASH, CUSTOMER_1)));
                      ChainHead head = heads.get(CUSTOMER_1);
                      heads.put(CUSTOMER_1, new ChainHead(head.sequence() + 1, head.hash()));
                      ledger.append(
                          Samples.ledgerTransaction(
                              "t2", Operation.RECHARGE, new Reference("recharge", "pay-2"), CASH,
                              CUSTOMER_1, "5", heads, minutesAfterT0(1)));
                    }))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertOnlyTransactions("t1");
  }

  @Test
  public void refusesALegThatRepeatsASequence() {
    recharge("t1", CUSTOMER_1, "100", T0);

    assertThatThrownBy(
            () ->
                write(
                    ledger ->
                        ledger.append(
                            Samples.ledgerTransaction(
                                "t2", Operation.RECHARGE, new Reference("recharge", "pay-2"),
                                CASH, CUSTOMER_1, "5", Map.of(), minutesAfterT0(1)))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertOnlyTransactions("t1");
  }

  @Test
  public void refusesALegWhosePreviousHashIsNotItsAccountsHead() {
    recharge("t1", CUSTOMER_1, "100", T0);

    assertThatThrownBy(
            () ->
                write(
                    ledger -> {
                      Map<AccountId, ChainHead> heads =
                          new HashMap<>(ledger.lockHeads(List.of(CASH, CUSTOMER_1)));
                      ChainHead head = heads.get(CUSTOMER_1);
                      heads.put(CUSTOMER_1, new ChainHead(head.sequence(), "f".repeat(64)));
                      ledger.append(
                          Samples.ledgerTransaction(
                              "t2", Operation.RECHARGE, new Reference("recharge", "pay-2"), CASH,
                              CUSTOMER_1, "5", heads, minutesAfterT0(1)));
                    }))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertOnlyTransactions("t1");
  }

  @Test
  public void refusesATransactionWhoseLegsAreInTwoChains() {
    recharge("t1", CUSTOMER_1, "100", T0);

    assertThatThrownBy(
            () ->
                write(
                    ledger -> {
                      LedgerTransaction valid =
                          Samples.ledgerTransaction(
                              "t2", Operation.PAY, Reference.usage(UsageId.of("u1")), CUSTOMER_1,
                              REVENUE, "5", ledger.lockHeads(List.of(CUSTOMER_1, REVENUE)),
                              minutesAfterT0(1));
                      ledger.append(
                          new LedgerTransaction(
                              valid.id(), valid.operation(),
                              List.of(valid.legs().get(0), inChain(valid.legs().get(1), REVENUE))));
                    }))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertOnlyTransactions("t1");
  }

  @Test
  public void refusesToAppendATransactionTwice() {
    LedgerTransaction recharge = recharge("t1", CUSTOMER_1, "100", T0);

    assertThatThrownBy(() -> write(ledger -> ledger.append(recharge)))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertOnlyTransactions("t1");
  }

  private void assertOnlyTransactions(String... ids) {
    List<String> found = new ArrayList<>();
    write(ledger -> ledger.forEachTransaction(legs -> found.add(legs.get(0).transactionId().value())));
    assertThat(found).containsExactlyInAnyOrder(ids);
    assertThat(list(LedgerQuery.ALL, PageRequest.first(10)).total()).isEqualTo(2L * ids.length);
  }

  @Test
  public void findsEveryTransactionAboutAReferenceOldestFirst() {
    Reference use = Reference.usage(UsageId.of("u1"));
    LedgerTransaction pay =
        transfer("t1", Operation.PAY, use, CUSTOMER_1, REVENUE, "0.0375", T0);
    LedgerTransaction cost =
        transfer("t2", Operation.PAY_COST, use, COST, PAYABLE, "0.018", minutesAfterT0(1));
    charge("t3", CUSTOMER_1, "1", minutesAfterT0(2));
    LedgerTransaction refund =
        transfer("t4", Operation.REFUND, use, REVENUE, CUSTOMER_1, "0.0375", minutesAfterT0(3));

    assertThat(findByReference(use)).containsExactly(pay, cost, refund);
    assertThat(findByReference(Reference.usage(UsageId.of("u9")))).isEmpty();
  }

  @Test
  public void listsLegsNewestFirstThenByChainAndSequenceDescending() {
    LedgerTransaction first = recharge("t1", CUSTOMER_1, "100", T0);
    LedgerTransaction charge = charge("t2", CUSTOMER_1, "10", minutesAfterT0(1));
    LedgerTransaction other = recharge("t3", CUSTOMER_2, "50", minutesAfterT0(1));
    LedgerTransaction again = charge("t4", CUSTOMER_1, "20", minutesAfterT0(1));

    Page<LedgerEntry> page = read(ledger -> ledger.list(LedgerQuery.ALL, PageRequest.first(20)));

    assertThat(page.items())
        .containsExactly(
            legOn(other, CUSTOMER_2),
            legOn(other, CASH),
            legOn(again, REVENUE),
            legOn(again, CUSTOMER_1),
            legOn(charge, REVENUE),
            legOn(charge, CUSTOMER_1),
            legOn(first, CUSTOMER_1),
            legOn(first, CASH));
    assertThat(page.total()).isEqualTo(8);
  }

  @Test
  public void filtersLegsByAccountOperationAndTime() {
    LedgerTransaction first = recharge("t1", CUSTOMER_1, "100", T0);
    LedgerTransaction charge = charge("t2", CUSTOMER_1, "10", minutesAfterT0(1));
    LedgerTransaction other = recharge("t3", CUSTOMER_2, "50", minutesAfterT0(2));

    assertThat(list(LedgerQuery.forAccount(CUSTOMER_1)))
        .containsExactly(legOn(charge, CUSTOMER_1), legOn(first, CUSTOMER_1));
    assertThat(list(LedgerQuery.forAccount(PAYABLE))).isEmpty();
    assertThat(
            list(
                new LedgerQuery(
                    Optional.empty(), Optional.of(Operation.RECHARGE), Optional.empty(),
                    Optional.empty())))
        .containsExactly(
            legOn(other, CUSTOMER_2), legOn(other, CASH), legOn(first, CUSTOMER_1),
            legOn(first, CASH));
    assertThat(
            list(
                new LedgerQuery(
                    Optional.of(CASH), Optional.of(Operation.RECHARGE), Optional.empty(),
                    Optional.empty())))
        .containsExactly(legOn(other, CASH), legOn(first, CASH));
    assertThat(
            list(
                new LedgerQuery(
                    Optional.empty(), Optional.empty(), Optional.of(minutesAfterT0(1)),
                    Optional.of(minutesAfterT0(2)))))
        .as("from is inclusive, to exclusive")
        .containsExactly(legOn(charge, REVENUE), legOn(charge, CUSTOMER_1));
    assertThat(
            list(
                new LedgerQuery(
                    Optional.of(CUSTOMER_1), Optional.of(Operation.PAY), Optional.of(T0),
                    Optional.empty())))
        .containsExactly(legOn(charge, CUSTOMER_1));
    assertThat(
            list(
                new LedgerQuery(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(T0))))
        .isEmpty();
  }

  private List<LedgerEntry> list(LedgerQuery query) {
    return read(ledger -> ledger.list(query, PageRequest.first(50))).items();
  }

  @Test
  public void pagesLegsWithTheTotalOfEveryMatch() {
    for (int i = 1; i <= 5; i++) {
      recharge("t" + i, CUSTOMER_1, "1", minutesAfterT0(i));
    }
    recharge("t9", CUSTOMER_2, "1", minutesAfterT0(9));

    Page<LedgerEntry> second =
        read(ledger -> ledger.list(LedgerQuery.forAccount(CUSTOMER_1), new PageRequest(2, 2)));
    Page<LedgerEntry> beyond =
        read(ledger -> ledger.list(LedgerQuery.forAccount(CUSTOMER_1), new PageRequest(4, 2)));

    assertThat(second.items())
        .extracting(leg -> leg.transactionId().value())
        .containsExactly("t3", "t2");
    assertThat(second.items()).extracting(LedgerEntry::account).containsOnly(CUSTOMER_1);
    assertThat(second.total()).isEqualTo(5);
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
  }

  @Test
  public void listsAnAccountsLegsFromTheChainsOfEveryCustomerNewestFirst() {
    LedgerTransaction first = charge("t1", CUSTOMER_1, "1", T0);
    LedgerTransaction second = charge("t2", CUSTOMER_2, "2", minutesAfterT0(1));
    LedgerTransaction third = charge("t3", CUSTOMER_1, "3", minutesAfterT0(2));

    assertThat(list(LedgerQuery.forAccount(REVENUE)))
        .containsExactly(legOn(third, REVENUE), legOn(second, REVENUE), legOn(first, REVENUE));
    assertThat(list(LedgerQuery.forAccount(REVENUE)))
        .extracting(LedgerEntry::chain)
        .containsExactly(CUSTOMER_1, CUSTOMER_2, CUSTOMER_1);
  }

  @Test
  public void visitsEveryTransactionWithAllItsLegs() {
    LedgerTransaction first = recharge("t1", CUSTOMER_1, "100", T0);
    LedgerTransaction charge = charge("t2", CUSTOMER_1, "10", minutesAfterT0(1));
    LedgerTransaction other = recharge("t3", CUSTOMER_2, "50", minutesAfterT0(2));
    List<List<LedgerEntry>> visited = new ArrayList<>();

    write(ledger -> ledger.forEachTransaction(visited::add));

    assertThat(visited).containsExactlyInAnyOrder(first.legs(), charge.legs(), other.legs());
  }

  @Test
  public void visitsEveryLegByChainThenSequenceAndEveryHead() {
    LedgerTransaction first = recharge("t1", CUSTOMER_2, "100", T0);
    LedgerTransaction second = recharge("t2", CUSTOMER_1, "100", minutesAfterT0(1));
    LedgerTransaction charge = charge("t3", CUSTOMER_2, "10", minutesAfterT0(2));
    LedgerTransaction third = recharge("t4", CUSTOMER_2, "1", minutesAfterT0(3));
    List<LedgerEntry> visited = new ArrayList<>();
    Map<AccountId, ChainHead> heads = new LinkedHashMap<>();

    write(ledger -> ledger.forEachEntryByChain(visited::add));
    write(ledger -> ledger.forEachHead(heads::put));

    assertThat(visited)
        .containsExactly(
            legOn(second, CASH),
            legOn(second, CUSTOMER_1),
            legOn(first, CASH),
            legOn(first, CUSTOMER_2),
            legOn(charge, CUSTOMER_2),
            legOn(charge, REVENUE),
            legOn(third, CASH),
            legOn(third, CUSTOMER_2));
    assertThat(visited).extracting(LedgerEntry::sequence).containsExactly(1L, 2L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(heads)
        .containsExactly(
            Map.entry(CUSTOMER_1, headAt(legOn(second, CUSTOMER_1))),
            Map.entry(CUSTOMER_2, headAt(legOn(third, CUSTOMER_2))));
  }
}
