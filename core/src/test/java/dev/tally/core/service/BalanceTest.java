package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.USER;
import static dev.tally.core.testing.TestTally.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Reference;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.port.in.Adjust;
import dev.tally.core.port.in.Balances;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BalanceTest {
  private static final OrgId ACME = OrgId.of("acme");

  private final TestTally tally = TestTally.create();
  private final Balances balances = tally.core().balances();

  private static void assertRefused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TallyException.class, refused -> assertThat(refused.code()).isEqualTo(code));
  }

  private CustomerBalance recharge(String org, String amount, String reference) {
    return balances.recharge(
        new Recharge(OrgId.of(org), cny(amount), Optional.of(reference), "bank transfer"));
  }

  private CustomerBalance adjust(String org, String amount, String reason) {
    return balances.adjust(new Adjust(OrgId.of(org), cny(amount), reason));
  }

  private List<LedgerEntry> records(LedgerQuery query) {
    return tally.core().ledger().records(query, PageRequest.first(PageRequest.MAX_SIZE)).items();
  }

  private List<LedgerEntry> recordsOf(Operation operation) {
    return records(
        new LedgerQuery(
            Optional.empty(), Optional.of(operation), Optional.empty(), Optional.empty()));
  }

  // ---------------------------------------------------------------------------------------------
  // recharges

  @Test
  void aFirstRechargeOpensTheBalanceAndPostsCashToTheCustomer() {
    CustomerBalance recharged =
        balances.recharge(new Recharge(ACME, cny("10"), Optional.empty(), "bank transfer"));

    assertThat(recharged.balance()).isEqualTo(cny("10"));
    assertThat(recharged.currency()).isEqualTo(Currency.CNY);
    assertThat(recharged.status()).isEqualTo(BalanceStatus.ACTIVE);
    assertThat(tally.balanceOf("acme")).isEqualTo(recharged);
    List<LedgerEntry> legs = records(LedgerQuery.ALL);
    assertThat(legs)
        .extracting(
            LedgerEntry::operation, leg -> leg.account().toString(), LedgerEntry::amount,
            LedgerEntry::balanceAfter, LedgerEntry::memo)
        .containsExactlyInAnyOrder(
            tuple(Operation.RECHARGE, "cash:platform", cny("-10").toLedger(), Optional.empty(),
                "bank transfer"),
            tuple(Operation.RECHARGE, "customer:acme", cny("10").toLedger(),
                Optional.of(cny("10")), "bank transfer"));
    assertThat(legs.get(0).transactionId()).isEqualTo(legs.get(1).transactionId());
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aRechargeRepeatedWithItsReferenceChangesTheBalanceOnce() {
    recharge("acme", "10", "pay-1");

    CustomerBalance repeated = recharge("acme", "10", "pay-1");

    assertThat(repeated.balance()).isEqualTo(cny("10"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10"));
    assertThat(tally.core().ledger().transactionsFor(new Reference(Reference.RECHARGE, "pay-1")))
        .hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aRechargeReferenceReusedWithAnotherAmountIsAConflict() {
    recharge("acme", "10", "pay-1");

    assertRefused(() -> recharge("acme", "12", "pay-1"), ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesARechargeInAnotherCurrencyThanTheBalances() {
    tally.aCustomer("acme").recharged("10");

    assertRefused(
        () ->
            balances.recharge(
                new Recharge(ACME, Money.of("5", Currency.of("USD")), Optional.empty(), "")),
        ErrorCode.CURRENCY_MISMATCH);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // adjustments

  @Test
  void aCreditAdjustmentPostsAdjustWithTheReasonAsMemo() {
    tally.aCustomer("acme").recharged("10");

    CustomerBalance adjusted = adjust("acme", "2.5", "goodwill for the outage");

    assertThat(adjusted.balance()).isEqualTo(cny("12.5"));
    assertThat(recordsOf(Operation.ADJUST))
        .extracting(leg -> leg.account().toString(), LedgerEntry::amount, LedgerEntry::memo)
        .containsExactlyInAnyOrder(
            tuple("adjustment:platform", cny("-2.5").toLedger(), "goodwill for the outage"),
            tuple("customer:acme", cny("2.5").toLedger(), "goodwill for the outage"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aDebitAdjustmentPostsAdjustWithTheReasonAsMemo() {
    tally.aCustomer("acme").recharged("10");

    CustomerBalance adjusted = adjust("acme", "-4", "recharge booked twice");

    assertThat(adjusted.balance()).isEqualTo(cny("6"));
    assertThat(recordsOf(Operation.ADJUST))
        .extracting(leg -> leg.account().toString(), LedgerEntry::amount, LedgerEntry::memo)
        .containsExactlyInAnyOrder(
            tuple("adjustment:platform", cny("4").toLedger(), "recharge booked twice"),
            tuple("customer:acme", cny("-4").toLedger(), "recharge booked twice"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesADebitBeyondWhatIsAvailable() {
    tally.aCustomer("acme").recharged("10").withCreditLimit("5");

    assertRefused(() -> adjust("acme", "-15.0001", "too much"), ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("10"));

    CustomerBalance atTheLimit = adjust("acme", "-15", "all of it");
    assertThat(atTheLimit.balance()).isEqualTo(cny("-5"));
    assertThat(atTheLimit.status()).isEqualTo(BalanceStatus.ARREARS);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesToAdjustACustomerWithoutABalance() {
    assertRefused(() -> adjust("ghost", "5", "welcome gift"), ErrorCode.NOT_FOUND);
    assertRefused(() -> balances.balance(OrgId.of("ghost")), ErrorCode.NOT_FOUND);
  }

  // ---------------------------------------------------------------------------------------------
  // credit limits

  @Test
  void settingACreditLimitOpensTheBalance() {
    CustomerBalance opened = balances.setCreditLimit(OrgId.of("newco"), cny("50"));

    assertThat(opened.balance()).isEqualTo(cny("0"));
    assertThat(opened.creditLimit()).isEqualTo(cny("50"));
    assertThat(opened.available()).isEqualTo(cny("50"));
    assertThat(opened.status()).isEqualTo(BalanceStatus.ACTIVE);
    assertThat(tally.balanceOf("newco")).isEqualTo(opened);
    assertThat(records(LedgerQuery.ALL)).isEmpty();
  }

  @Test
  void refusesACreditLimitBelowWhatIsAlreadyCommitted() {
    tally.aCustomer("acme").withCreditLimit("10");
    adjust("acme", "-5", "usage billed offline");

    assertRefused(
        () -> balances.setCreditLimit(ACME, cny("4")), ErrorCode.CREDIT_LIMIT_TOO_LOW);
    assertThat(tally.balanceOf("acme").creditLimit()).isEqualTo(cny("10"));

    assertThat(balances.setCreditLimit(ACME, cny("5")).available()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void countsHeldMoneyAsCommittedWhenLoweringTheCreditLimit() {
    ProductResource llm = tally.aPayPerUseResource("0.01");
    tally.aCustomer("acme").recharged("2").withCreditLimit("5");
    tally
        .core()
        .holds()
        .reserve(new ReserveHold(ACME, USER, llm.productId(), cny("6"), Duration.ofMinutes(5)));

    assertRefused(
        () -> balances.setCreditLimit(ACME, cny("3.9999")), ErrorCode.CREDIT_LIMIT_TOO_LOW);
    assertThat(balances.setCreditLimit(ACME, cny("4")).available()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesANegativeCreditLimit() {
    tally.aCustomer("acme").recharged("1");

    assertRefused(() -> balances.setCreditLimit(ACME, cny("-1")), ErrorCode.VALIDATION_FAILED);
    assertThat(tally.balanceOf("acme").creditLimit()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // suspension

  @Test
  void aSuspendedCustomerIsRefusedUsesHoldsAndFees() {
    ProductResource perUse = tally.aPayPerUseResource("0.01");
    ProductResource renewing = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    ProductResource fresh = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    tally.aCustomer("acme").recharged("100");
    Subscription subscribed =
        tally
            .aCustomer("acme")
            .subscribedTo(renewing, "1000", SubscriptionTerms.plain().withFee("9.9"));

    CustomerBalance suspended = balances.suspend(ACME);

    assertThat(suspended.status()).isEqualTo(BalanceStatus.SUSPENDED);
    assertRefused(() -> tally.use("acme", perUse, "10"), ErrorCode.CUSTOMER_SUSPENDED);
    assertRefused(() -> tally.use("acme", renewing, "10"), ErrorCode.CUSTOMER_SUSPENDED);
    assertRefused(
        () ->
            tally
                .core()
                .holds()
                .reserve(
                    new ReserveHold(
                        ACME, USER, perUse.productId(), cny("1"), Duration.ofMinutes(5))),
        ErrorCode.CUSTOMER_SUSPENDED);
    assertRefused(
        () ->
            tally
                .aCustomer("acme")
                .subscribedTo(fresh, "1000", SubscriptionTerms.plain().withFee("9.9")),
        ErrorCode.CUSTOMER_SUSPENDED);
    assertRefused(
        () -> tally.core().subscriptions().renew(subscribed.id()), ErrorCode.CUSTOMER_SUSPENDED);

    CustomerBalance after = tally.balanceOf("acme");
    assertThat(after.balance()).isEqualTo(cny("90.1"));
    assertThat(after.held()).isEqualTo(cny("0"));
    assertThat(
            tally
                .core()
                .subscriptions()
                .subscriptions(
                    new SubscriptionQuery(
                        Optional.of(ACME), Optional.of(fresh.productId()), Optional.empty()),
                    PageRequest.firstPage())
                .items())
        .isEmpty();
    assertThat(
            tally.core().metering().usage(UsageQuery.forOrg(ACME), PageRequest.firstPage()).items())
        .isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aRechargeDoesNotLiftASuspension() {
    tally.aCustomer("acme").recharged("10");
    balances.suspend(ACME);

    CustomerBalance recharged = recharge("acme", "5", "pay-2");

    assertThat(recharged.balance()).isEqualTo(cny("15"));
    assertThat(recharged.status()).isEqualTo(BalanceStatus.SUSPENDED);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void resumingReturnsToActiveOrToArrearsAsTheBalanceSays() {
    tally.aCustomer("acme").recharged("10");
    tally.aCustomer("owing").withCreditLimit("10");
    adjust("owing", "-3", "offline usage");
    balances.suspend(ACME);
    balances.suspend(OrgId.of("owing"));

    assertThat(balances.resume(ACME).status()).isEqualTo(BalanceStatus.ACTIVE);
    assertThat(balances.resume(OrgId.of("owing")).status()).isEqualTo(BalanceStatus.ARREARS);
    assertThat(tally.balanceOf("owing").status()).isEqualTo(BalanceStatus.ARREARS);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aRechargeThatBringsArrearsBackToZeroMakesTheBalanceActive() {
    tally.aCustomer("acme").withCreditLimit("10");
    adjust("acme", "-5", "offline usage");

    CustomerBalance partly = recharge("acme", "4.9999", "pay-1");
    CustomerBalance settled = recharge("acme", "0.0001", "pay-2");

    assertThat(partly.status()).isEqualTo(BalanceStatus.ARREARS);
    assertThat(settled.balance()).isEqualTo(cny("0"));
    assertThat(settled.status()).isEqualTo(BalanceStatus.ACTIVE);
    assertThat(tally.verify().violations()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // reading and opening

  @Test
  void readingTheBalanceOfAnUnknownOrgIsNotFound() {
    assertRefused(() -> balances.balance(OrgId.of("nobody")), ErrorCode.NOT_FOUND);
  }

  @Test
  void opensABalanceOnlyOnce() {
    CustomerBalance opened = balances.open(ACME, Currency.CNY);

    assertThat(opened.balance()).isEqualTo(cny("0"));
    assertThat(tally.balanceOf("acme")).isEqualTo(opened);
    assertRefused(() -> balances.open(ACME, Currency.CNY), ErrorCode.ALREADY_EXISTS);
    tally.aCustomer("recharged").recharged("1");
    assertRefused(
        () -> balances.open(OrgId.of("recharged"), Currency.CNY), ErrorCode.ALREADY_EXISTS);
    assertThat(tally.balanceOf("recharged").balance()).isEqualTo(cny("1"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void listsBalancesOfOneStatus() {
    tally.aCustomer("fine").recharged("10");
    tally.aCustomer("owing").withCreditLimit("10");
    adjust("owing", "-1", "offline usage");
    tally.aCustomer("blocked").recharged("10");
    balances.suspend(OrgId.of("blocked"));

    assertThat(ids(Optional.of(BalanceStatus.ACTIVE))).containsExactly("fine");
    assertThat(ids(Optional.of(BalanceStatus.ARREARS))).containsExactly("owing");
    assertThat(ids(Optional.of(BalanceStatus.SUSPENDED))).containsExactly("blocked");
    assertThat(ids(Optional.empty())).containsExactlyInAnyOrder("fine", "owing", "blocked");
    assertThat(tally.verify().violations()).isEmpty();
  }

  private List<String> ids(Optional<BalanceStatus> status) {
    return balances.balances(status, PageRequest.firstPage()).items().stream()
        .map(balance -> balance.orgId().value())
        .toList();
  }

  @Test
  void recordsWhenTheCustomerLastRechargedAndLastConsumed() {
    ProductResource llm = tally.aPayPerUseResource("0.01");
    tally.aCustomer("acme").recharged("10");
    CustomerBalance afterRecharge = tally.balanceOf("acme");
    Instant useTime = tally.clock().advance(Duration.ofHours(1));

    tally.use("acme", llm, "100");

    CustomerBalance afterUse = tally.balanceOf("acme");
    assertThat(afterRecharge.lastRecharge()).contains(TestTally.START);
    assertThat(afterRecharge.lastConsumption()).isEmpty();
    assertThat(afterUse.lastConsumption()).contains(useTime);
    assertThat(afterUse.lastRecharge()).contains(TestTally.START);
    assertThat(afterUse.balance()).isEqualTo(cny("9"));

    Instant later = tally.clock().advance(Duration.ofHours(1));
    assertThat(recharge("acme", "1", "pay-9").lastRecharge()).contains(later);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void everyPostingKeepsTheBalanceEqualToItsLedgerAccount() {
    tally.aCustomer("acme").recharged("10").withCreditLimit("3");
    adjust("acme", "-12", "offline usage");
    recharge("acme", "1.2345", "pay-3");

    List<LedgerTransaction> recharge =
        tally.core().ledger().transactionsFor(new Reference(Reference.RECHARGE, "pay-3"));
    assertThat(recharge).singleElement().satisfies(tx -> assertThat(tx.sum()).isZero());
    assertThat(
            records(LedgerQuery.forAccount(AccountId.customer(ACME))).get(0).balanceAfter())
        .contains(cny("-0.7655"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("-0.7655"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  // --- the largest amount Tally stores ---------------------------------------------------------

  @Test
  void refusesARechargeOrAdjustmentPastTheLargestStorableBalanceAndChangesNothing() {
    Money largest = Money.largest(Currency.CNY);
    recharge("acme", largest.minus(cny("1")).amount().toPlainString(), "pay-1");
    long entries = tally.ledgerEntryCount();

    assertRefused(() -> recharge("acme", "1.0001", "pay-2"), ErrorCode.AMOUNT_OUT_OF_RANGE);
    assertRefused(() -> adjust("acme", "1.0001", "goodwill"), ErrorCode.AMOUNT_OUT_OF_RANGE);

    assertThat(tally.balanceOf("acme").balance()).isEqualTo(largest.minus(cny("1")));
    assertThat(tally.ledgerEntryCount()).isEqualTo(entries);
    assertThat(recharge("acme", "1", "pay-3").balance()).isEqualTo(largest);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesACreditLimitThatWithTheBalancePassesTheLargestStorableAmount() {
    Money largest = Money.largest(Currency.CNY);
    recharge("acme", largest.minus(cny("5")).amount().toPlainString(), "pay-1");

    assertRefused(() -> balances.setCreditLimit(ACME, cny("5.0001")), ErrorCode.AMOUNT_OUT_OF_RANGE);
    assertThat(tally.balanceOf("acme").creditLimit()).isEqualTo(cny("0"));
    assertThat(balances.setCreditLimit(ACME, cny("5")).available()).isEqualTo(largest);
    assertRefused(() -> recharge("acme", "0.0001", "pay-2"), ErrorCode.AMOUNT_OUT_OF_RANGE);
    assertThat(tally.balanceOf("acme").available()).isEqualTo(largest);
  }
}
