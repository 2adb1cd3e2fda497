package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.USER;
import static dev.tally.core.testing.TestTally.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Reference;
import dev.tally.core.model.TransactionId;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.model.Violation;
import dev.tally.core.model.Violation.Rule;
import dev.tally.core.port.in.Adjust;
import dev.tally.core.port.in.Refund;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.testing.Samples;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LedgerVerifyTest {
  private static final OrgId ACME = OrgId.of("acme");
  private static final OrgId BETA = OrgId.of("beta");
  private static final OrgId GAMMA = OrgId.of("gamma");
  private static final AccountId ACME_ACCOUNT = AccountId.customer(ACME);
  private static final AccountId CASH = AccountId.cash();
  private static final AccountId ADJUSTMENT = AccountId.adjustment();
  private static final AccountId REVENUE = AccountId.revenue(TestTally.RESELLER);
  private static final AccountId COST = AccountId.cost(TestTally.RESELLER);
  private static final AccountId PAYABLE = AccountId.payable(TestTally.SUPPLIER);

  private final TestTally tally = TestTally.create();

  /**
   * Through the services: acme recharges 10, uses 1000 tokens at 0.002 (PAY 2, PAY_COST 1), is
   * credited 1.5, settles a hold for 1.25 and is refunded 0.5 (8.75 left); beta recharges 20, pays
   * a subscription fee of 5 and uses 100 tokens within quota (PAY_COST 0.5 only; 15 left); gamma
   * has a credit limit of 10 and is debited 5. Ten transactions, twenty legs, eight accounts, one
   * charged use. Checks the ledger is clean before any test tampers with it.
   */
  private UsageRecord aMixOfOperations() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    ProductResource quota = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    tally.aCustomer("acme").recharged("10");
    UsageRecord charged = tally.use("acme", llm, "1000").usage();
    tally.core().balances().adjust(new Adjust(ACME, cny("1.5"), "goodwill"));
    Hold hold =
        tally
            .core()
            .holds()
            .reserve(
                new ReserveHold(ACME, USER, llm.productId(), cny("3"), Duration.ofMinutes(10)));
    tally.core().holds().settle(hold.id(), cny("1.25"));
    tally.core().metering().refund(new Refund(charged.id(), cny("0.5"), "bad answer"));
    tally.aCustomer("beta").recharged("20");
    tally.aCustomer("beta").subscribedTo(quota, "1000", SubscriptionTerms.plain().withFee("5"));
    tally.use("beta", quota, "100");
    tally.aCustomer("gamma").withCreditLimit("10");
    tally.core().balances().adjust(new Adjust(GAMMA, cny("-5"), "offline usage"));

    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.75"));
    assertThat(tally.balanceOf("beta").balance()).isEqualTo(cny("15"));
    assertThat(tally.balanceOf("gamma").balance()).isEqualTo(cny("-5"));
    assertThat(tally.verify().violations()).isEmpty();
    return charged;
  }

  private void tamper(Consumer<Repositories> change) {
    tally
        .store()
        .inTransaction(
            repos -> {
              change.accept(repos);
              return null;
            });
  }

  /** A leg to write around the bookkeeper: an account and a signed amount. */
  private record Leg(AccountId account, String amount) {}

  /**
   * A transaction numbered and hash-chained after the head of {@code chain}, as the bookkeeper
   * would write it but without any of its checks; a customer leg's balance_after is the customer's
   * balance row plus the leg.
   */
  private LedgerTransaction chained(
      Repositories repos,
      AccountId chain,
      String id,
      Operation operation,
      Reference reference,
      Leg... legs) {
    Instant now = tally.clock().now();
    LocalDate bizDate = LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai"));
    ChainHead head = repos.ledger().lockHeads(List.of(chain)).get(chain);
    TransactionId transactionId = TransactionId.of(id);
    String memo = "written around the bookkeeper";
    List<LedgerEntry> entries = new ArrayList<>();
    for (Leg leg : legs) {
      long sequence = head.sequence() + 1;
      LedgerAmount amount = cny(leg.amount()).toLedger();
      Optional<Money> balanceAfter =
          leg.account().isCustomer()
              ? Optional.of(
                  repos
                      .balances()
                      .find(leg.account().owner())
                      .orElseThrow()
                      .balance()
                      .plus(cny(leg.amount())))
              : Optional.empty();
      String hash =
          LedgerEntry.hashOf(
              transactionId, operation, leg.account(), sequence, amount, balanceAfter, reference,
              memo, now, bizDate, head.hash());
      entries.add(
          new LedgerEntry(
              transactionId, operation, leg.account(), chain, sequence, amount, balanceAfter,
              reference, memo, now, bizDate, head.hash(), hash));
      head = new ChainHead(sequence, hash);
    }
    return new LedgerTransaction(transactionId, operation, entries);
  }

  private static LedgerEntry withMemo(LedgerEntry leg, String memo) {
    return new LedgerEntry(
        leg.transactionId(), leg.operation(), leg.account(), leg.chain(), leg.sequence(),
        leg.amount(), leg.balanceAfter(), leg.reference(), memo, leg.createdAt(), leg.bizDate(),
        leg.previousHash(), leg.hash());
  }

  private static LedgerEntry withAmount(LedgerEntry leg, String amount) {
    return new LedgerEntry(
        leg.transactionId(), leg.operation(), leg.account(), leg.chain(), leg.sequence(),
        cny(amount).toLedger(), leg.balanceAfter(), leg.reference(), leg.memo(), leg.createdAt(),
        leg.bizDate(), leg.previousHash(), leg.hash());
  }

  /** acme's chain as stored, in sequence order. */
  private List<LedgerEntry> acmeChain() {
    return tally.store().inTransaction(
        repos -> {
          List<LedgerEntry> legs = new ArrayList<>();
          repos.ledger().forEachEntryByChain(
              leg -> {
                if (leg.chain().equals(ACME_ACCOUNT)) {
                  legs.add(leg);
                }
              });
          return legs;
        });
  }

  /** The first leg of acme's chain on {@code account} written by an {@code operation}. */
  private LedgerEntry acmeLeg(Operation operation, AccountId account) {
    return acmeChain().stream()
        .filter(leg -> leg.operation() == operation && leg.account().equals(account))
        .findFirst()
        .orElseThrow();
  }

  private static CustomerBalance withAmounts(CustomerBalance row, Money balance, Money limit) {
    return new CustomerBalance(
        row.orgId(), balance, limit, row.held(), row.lastRecharge(), row.lastConsumption(),
        row.status(), row.ledgerSequence(), row.cachedAt());
  }

  // the tampering, one violation each

  private void changeBalanceWithoutAnEntry(Repositories repos, OrgId org) {
    CustomerBalance row = repos.balances().find(org).orElseThrow();
    repos.balances().update(withAmounts(row, row.balance().plus(cny("100")), row.creditLimit()));
  }

  private void appendUnbalanced(Repositories repos) {
    repos
        .ledger()
        .append(
            chained(
                repos, AccountId.customer(BETA), "tx-unbalanced", Operation.ADJUST,
                new Reference(Reference.ADJUSTMENT, "unbalanced"), new Leg(CASH, "-1"),
                new Leg(ADJUSTMENT, "2")));
  }

  private void appendForgedLeg(Repositories repos) {
    LedgerTransaction honest =
        chained(
            repos, ACME_ACCOUNT, "tx-forged", Operation.ADJUST,
            new Reference(Reference.ADJUSTMENT, "forged"),
            new Leg(COST, "-0.5"), new Leg(PAYABLE, "0.5"));
    repos
        .ledger()
        .append(
            new LedgerTransaction(
                honest.id(),
                honest.operation(),
                List.of(honest.legs().get(0), withMemo(honest.legs().get(1), "edited later"))));
  }

  private void insertChargeWithoutPay(Repositories repos, UsageRecord template) {
    repos
        .usage()
        .insert(
            Samples.usage("use-unpaid")
                .org("acme")
                .product(template.productId().value())
                .payPerUse()
                .charged("0.7")
                .build());
  }

  private void appendOrphanPay(Repositories repos) {
    LedgerTransaction pay =
        chained(
            repos, ACME_ACCOUNT, "tx-orphan", Operation.PAY, new Reference(Reference.USAGE, "ghost"),
            new Leg(AccountId.customer(ACME), "-0.3"), new Leg(REVENUE, "0.3"));
    repos.ledger().append(pay);
    // keep the balance row in step, so that only the missing use is wrong
    CustomerBalance row = repos.balances().find(ACME).orElseThrow();
    long sequence =
        pay.legs().stream().filter(leg -> leg.account().isCustomer()).findFirst().orElseThrow()
            .sequence();
    repos
        .balances()
        .update(row.moved(cny("-0.3"), sequence, Operation.PAY, tally.clock().now()));
  }

  private void lowerCreditLimitBelowDebt(Repositories repos, OrgId org) {
    CustomerBalance row = repos.balances().find(org).orElseThrow();
    repos.balances().update(withAmounts(row, row.balance(), cny("2")));
  }

  private List<Violation> violations() {
    return tally.verify().violations();
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void anEmptyLedgerIsClean() {
    VerificationReport report = tally.verify();

    assertThat(report.isClean()).isTrue();
    assertThat(report.transactions()).isZero();
    assertThat(report.entries()).isZero();
  }

  @Test
  void isCleanAfterAMixOfOperationsAndCountsWhatItChecked() {
    aMixOfOperations();

    VerificationReport report = tally.verify();

    assertThat(report.isClean()).isTrue();
    assertThat(report.transactions()).isEqualTo(10);
    assertThat(report.entries()).isEqualTo(20);
    assertThat(report.accounts()).isEqualTo(8);
    assertThat(report.usages()).isEqualTo(1);
  }

  @Test
  void everyTransactionOfTheServicesSumsToZeroAndLiesInItsCustomersChain() {
    aMixOfOperations();

    List<LedgerEntry> records =
        tally
            .core()
            .ledger()
            .records(LedgerQuery.ALL, PageRequest.first(PageRequest.MAX_SIZE))
            .items();

    assertThat(records).hasSize(20);
    Map<TransactionId, List<LedgerEntry>> transactions =
        records.stream().collect(Collectors.groupingBy(LedgerEntry::transactionId));
    assertThat(transactions).hasSize(10);
    transactions.forEach(
        (id, legs) -> {
          assertThat(legs).as("legs of %s", id).hasSizeGreaterThanOrEqualTo(2);
          assertThat(legs.stream().map(leg -> leg.amount().amount()).reduce(BigDecimal::add))
              .as("sum of %s", id)
              .hasValueSatisfying(sum -> assertThat(sum).isEqualByComparingTo("0"));
          assertThat(legs).extracting(LedgerEntry::chain).as("chains of %s", id)
              .containsOnly(legs.get(0).chain());
          legs.stream()
              .filter(leg -> leg.account().isCustomer())
              .forEach(leg -> assertThat(leg.chain()).as("chain of %s", id).isEqualTo(leg.account()));
        });
    Map<AccountId, List<LedgerEntry>> chains =
        records.stream().collect(Collectors.groupingBy(LedgerEntry::chain));
    assertThat(chains.keySet())
        .extracting(AccountId::toString)
        .containsExactlyInAnyOrder("customer:acme", "customer:beta", "customer:gamma");
    chains.forEach(
        (chain, legs) -> {
          List<LedgerEntry> inOrder =
              legs.stream().sorted(Comparator.comparingLong(LedgerEntry::sequence)).toList();
          BigDecimal running = BigDecimal.ZERO;
          String previousHash = LedgerEntry.GENESIS_HASH;
          for (int i = 0; i < inOrder.size(); i++) {
            LedgerEntry leg = inOrder.get(i);
            assertThat(leg.sequence()).as("sequence in %s", chain).isEqualTo(i + 1);
            assertThat(leg.previousHash()).as("chain of %s", chain).isEqualTo(previousHash);
            assertThat(leg.hash()).as("hash in %s", chain).isEqualTo(leg.expectedHash());
            if (leg.account().isCustomer()) {
              running = running.add(leg.amount().amount());
              assertThat(leg.balanceAfter())
                  .as("balance_after of %s#%s", chain, leg.sequence())
                  .contains(Money.rounded(running, leg.amount().currency()));
            } else {
              assertThat(leg.balanceAfter()).as("balance_after of %s", leg.account()).isEmpty();
            }
            previousHash = leg.hash();
          }
          assertThat(tally.core().balances().balance(chain.owner()).balance().amount())
              .as("balance of %s", chain)
              .isEqualByComparingTo(running);
        });
    assertThat(records)
        .extracting(leg -> leg.account().toString())
        .containsOnly(
            "cash:platform", "adjustment:platform", "customer:acme", "customer:beta",
            "customer:gamma", "revenue:reseller-1", "cost:reseller-1", "payable:supplier-1");
  }

  @Test
  void theBalanceRowsSyncVersionIsItsLastLegInItsChain() {
    aMixOfOperations();

    LedgerEntry lastCustomerLeg =
        acmeChain().stream().filter(leg -> leg.account().isCustomer()).reduce((a, b) -> b).orElseThrow();

    assertThat(tally.balanceOf("acme").ledgerSequence()).isEqualTo(lastCustomerLeg.sequence());
  }

  @Test
  void reportsAChangedRevenueLegByItsHashAndItsTransactionsSum() {
    aMixOfOperations();
    LedgerEntry revenue = acmeLeg(Operation.PAY, REVENUE);

    tally.store().ledgerTampering().replaceLeg(withAmount(revenue, "0.2"));

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactlyInAnyOrder(
            tuple(Rule.BROKEN_CHAIN, "customer:acme#" + revenue.sequence()),
            tuple(Rule.UNBALANCED_TRANSACTION, revenue.transactionId().value()));
  }

  @Test
  void reportsARemovedRevenueLegAtTheLegAfterItAndByItsTransactionsSum() {
    aMixOfOperations();
    LedgerEntry revenue = acmeLeg(Operation.PAY, REVENUE);

    tally.store().ledgerTampering().removeLeg(ACME_ACCOUNT, revenue.sequence());

    String next = "customer:acme#" + (revenue.sequence() + 1);
    assertThat(violations())
        .extracting(Violation::rule, Violation::subject, Violation::detail)
        .containsExactlyInAnyOrder(
            tuple(Rule.BROKEN_CHAIN, next, "expected sequence " + revenue.sequence()),
            tuple(Rule.BROKEN_CHAIN, next, "previous hash does not match the leg before it"),
            tuple(
                Rule.UNBALANCED_TRANSACTION, revenue.transactionId().value(),
                "legs of PAY sum to -2.000000"));
  }

  @Test
  void reportsARemovedLastLegByTheChainsHead() {
    aMixOfOperations();
    List<LedgerEntry> chain = acmeChain();
    LedgerEntry last = chain.get(chain.size() - 1);

    tally.store().ledgerTampering().removeLeg(ACME_ACCOUNT, last.sequence());

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactlyInAnyOrder(
            tuple(Rule.BROKEN_CHAIN, "customer:acme"),
            tuple(Rule.UNBALANCED_TRANSACTION, last.transactionId().value()),
            tuple(Rule.BALANCE_MISMATCH, "acme"));
  }

  @Test
  void reportsALegInsertedAtTheEndOfAChainByTheChainsHead() {
    aMixOfOperations();
    List<LedgerEntry> chain = acmeChain();
    LedgerEntry last = chain.get(chain.size() - 1);
    TransactionId forged = TransactionId.of("tx-inserted");
    LedgerAmount amount = cny("1").toLedger();
    Reference reference = new Reference(Reference.ADJUSTMENT, "inserted");
    // a leg that continues the chain with a correct hash: only the head gives it away
    LedgerEntry inserted =
        new LedgerEntry(
            forged, Operation.ADJUST, REVENUE, ACME_ACCOUNT, last.sequence() + 1, amount,
            Optional.empty(), reference, "", last.createdAt(), last.bizDate(), last.hash(),
            LedgerEntry.hashOf(
                forged, Operation.ADJUST, REVENUE, last.sequence() + 1, amount, Optional.empty(),
                reference, "", last.createdAt(), last.bizDate(), last.hash()));

    tally.store().ledgerTampering().insertLeg(inserted);

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactlyInAnyOrder(
            tuple(Rule.BROKEN_CHAIN, "customer:acme"),
            tuple(Rule.UNBALANCED_TRANSACTION, "tx-inserted"));
  }

  @Test
  void reportsALegMovedToAnotherCustomersChain() {
    aMixOfOperations();
    LedgerEntry revenue = acmeLeg(Operation.PAY, REVENUE);
    LedgerEntry moved =
        new LedgerEntry(
            revenue.transactionId(), revenue.operation(), revenue.account(),
            AccountId.customer(BETA), 99, revenue.amount(), revenue.balanceAfter(),
            revenue.reference(), revenue.memo(), revenue.createdAt(), revenue.bizDate(),
            revenue.previousHash(), revenue.hash());

    tally.store().ledgerTampering().removeLeg(ACME_ACCOUNT, revenue.sequence());
    tally.store().ledgerTampering().insertLeg(moved);

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .contains(
            tuple(Rule.SPLIT_TRANSACTION, revenue.transactionId().value()),
            tuple(Rule.BROKEN_CHAIN, "customer:beta#99"),
            tuple(Rule.BROKEN_CHAIN, "customer:acme#" + (revenue.sequence() + 1)))
        .doesNotContain(tuple(Rule.UNBALANCED_TRANSACTION, revenue.transactionId().value()));
  }

  @Test
  void reportsABalanceChangedWithoutALedgerEntry() {
    aMixOfOperations();

    tamper(repos -> changeBalanceWithoutAnEntry(repos, ACME));

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactly(tuple(Rule.BALANCE_MISMATCH, "acme"));
  }

  @Test
  void reportsATransactionWhoseLegsDoNotSumToZero() {
    aMixOfOperations();

    tamper(this::appendUnbalanced);

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactly(tuple(Rule.UNBALANCED_TRANSACTION, "tx-unbalanced"));
  }

  @Test
  void reportsALegWhoseContentNoLongerMatchesItsHash() {
    aMixOfOperations();

    tamper(this::appendForgedLeg);

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactly(tuple(Rule.BROKEN_CHAIN, "customer:acme#14"));
  }

  @Test
  void reportsAChargedUseWithoutItsPay() {
    UsageRecord charged = aMixOfOperations();

    tamper(repos -> insertChargeWithoutPay(repos, charged));

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactly(tuple(Rule.CHARGE_WITHOUT_ONE_PAY, "use-unpaid"));
  }

  @Test
  void reportsAPayThatRefersToNoUse() {
    aMixOfOperations();

    tamper(this::appendOrphanPay);

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactly(tuple(Rule.ORPHAN_PAY, "usage:ghost"));
  }

  @Test
  void reportsABalanceBelowMinusItsCreditLimit() {
    aMixOfOperations();

    tamper(repos -> lowerCreditLimitBelowDebt(repos, GAMMA));

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactly(tuple(Rule.OVERDRAWN, "gamma"));
  }

  @Test
  void reportsEveryViolationNotJustTheFirst() {
    UsageRecord charged = aMixOfOperations();

    tamper(
        repos -> {
          changeBalanceWithoutAnEntry(repos, BETA);
          appendUnbalanced(repos);
          appendForgedLeg(repos);
          insertChargeWithoutPay(repos, charged);
          appendOrphanPay(repos);
          lowerCreditLimitBelowDebt(repos, GAMMA);
        });

    assertThat(violations())
        .extracting(Violation::rule, Violation::subject)
        .containsExactlyInAnyOrder(
            tuple(Rule.BALANCE_MISMATCH, "beta"),
            tuple(Rule.UNBALANCED_TRANSACTION, "tx-unbalanced"),
            tuple(Rule.BROKEN_CHAIN, "customer:acme#14"),
            tuple(Rule.CHARGE_WITHOUT_ONE_PAY, "use-unpaid"),
            tuple(Rule.ORPHAN_PAY, "usage:ghost"),
            tuple(Rule.OVERDRAWN, "gamma"));
  }
}
