package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.USER;
import static dev.tally.core.testing.TestTally.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Reference;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.testing.TestTally;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HoldTest {
  private static final OrgId ACME = OrgId.of("acme");
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private final TestTally tally = TestTally.create();
  private final Holds holds = tally.core().holds();
  private final Product streaming = tally.aPublishedProduct("streaming");

  private static void assertRefused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TallyException.class, refused -> assertThat(refused.code()).isEqualTo(code));
  }

  private Hold reserve(String amount, Duration ttl) {
    return holds.reserve(new ReserveHold(ACME, USER, streaming.id(), cny(amount), ttl));
  }

  private Hold reserve(String amount) {
    return reserve(amount, TEN_MINUTES);
  }

  private long ledgerEntries() {
    return tally.core().ledger().records(LedgerQuery.ALL, PageRequest.firstPage()).total();
  }

  private CustomerBalance acme() {
    return tally.balanceOf("acme");
  }

  @Test
  void aReservationLowersWhatIsAvailableWithoutMovingMoney() {
    tally.aCustomer("acme").recharged("10");
    long entriesBefore = ledgerEntries();

    Hold hold = reserve("3");

    assertThat(hold.status()).isEqualTo(HoldStatus.HELD);
    assertThat(hold.expiresAt()).isEqualTo(TestTally.START.plus(TEN_MINUTES));
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(acme().held()).isEqualTo(cny("3"));
    assertThat(acme().available()).isEqualTo(cny("7"));
    assertThat(ledgerEntries()).isEqualTo(entriesBefore);
    assertThat(holds.hold(hold.id())).isEqualTo(hold);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void reservesUpToWhatIsAvailableAndNotBeyond() {
    tally.aCustomer("acme").recharged("10").withCreditLimit("2");
    reserve("12");

    assertRefused(() -> reserve("0.0001"), ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(acme().held()).isEqualTo(cny("12"));
    assertThat(acme().available()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAReservationBeyondWhatIsAvailable() {
    tally.aCustomer("acme").recharged("10");

    assertRefused(() -> reserve("10.0001"), ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aSuspendedCustomerCannotReserve() {
    tally.aCustomer("acme").recharged("10");
    tally.core().balances().suspend(ACME);

    assertRefused(() -> reserve("1"), ErrorCode.CUSTOMER_SUSPENDED);
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void settlingForLessChargesTheActualAmountAndReleasesTheRest() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3");

    Hold settled = holds.settle(hold.id(), cny("1.25"));

    assertThat(settled.status()).isEqualTo(HoldStatus.SETTLED);
    assertThat(settled.settledAmount()).contains(cny("1.25"));
    assertThat(acme().balance()).isEqualTo(cny("8.75"));
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(acme().available()).isEqualTo(cny("8.75"));
    assertThat(tally.core().ledger().transactionsFor(Reference.hold(hold.id())))
        .singleElement()
        .satisfies(
            pay -> {
              assertThat(pay.operation()).isEqualTo(Operation.PAY);
              assertThat(pay.reference().toString()).isEqualTo("hold:" + hold.id().value());
              assertThat(pay.legs())
                  .extracting(leg -> leg.account().toString(), leg -> leg.amount())
                  .containsExactlyInAnyOrder(
                      tuple("customer:acme", cny("-1.25").toLedger()),
                      tuple("revenue:reseller-1", cny("1.25").toLedger()));
            });
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void settlingTheWholeHeldAmountChargesAllOfIt() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3");

    holds.settle(hold.id(), cny("3"));

    assertThat(acme().balance()).isEqualTo(cny("7"));
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesToSettleMoreThanWasHeld() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3");

    assertRefused(() -> holds.settle(hold.id(), cny("3.0001")), ErrorCode.VALIDATION_FAILED);
    assertThat(holds.hold(hold.id()).status()).isEqualTo(HoldStatus.HELD);
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(acme().held()).isEqualTo(cny("3"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void settlingZeroChargesNothingAndReleasesEverything() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3");
    long entriesBefore = ledgerEntries();

    Hold settled = holds.settle(hold.id(), cny("0"));

    assertThat(settled.status()).isEqualTo(HoldStatus.SETTLED);
    assertThat(settled.settledAmount()).contains(cny("0"));
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(ledgerEntries()).isEqualTo(entriesBefore);
    assertThat(tally.core().ledger().transactionsFor(Reference.hold(hold.id()))).isEmpty();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void voidingReleasesTheWholeAmountWithoutACharge() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3");
    long entriesBefore = ledgerEntries();

    Hold voided = holds.voidHold(hold.id());

    assertThat(voided.status()).isEqualTo(HoldStatus.VOIDED);
    assertThat(voided.settledAmount()).isEmpty();
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(ledgerEntries()).isEqualTo(entriesBefore);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aClosedHoldCanBeNeitherSettledNorVoided() {
    tally.aCustomer("acme").recharged("10");
    Hold settled = reserve("3");
    Hold voided = reserve("2");
    holds.settle(settled.id(), cny("1"));
    holds.voidHold(voided.id());

    assertRefused(() -> holds.settle(settled.id(), cny("1")), ErrorCode.HOLD_NOT_ACTIVE);
    assertRefused(() -> holds.voidHold(settled.id()), ErrorCode.HOLD_NOT_ACTIVE);
    assertRefused(() -> holds.settle(voided.id(), cny("1")), ErrorCode.HOLD_NOT_ACTIVE);
    assertRefused(() -> holds.voidHold(voided.id()), ErrorCode.HOLD_NOT_ACTIVE);
    assertThat(acme().balance()).isEqualTo(cny("9"));
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void anExpiredHoldCanBeNeitherSettledNorVoided() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3", Duration.ofMinutes(1));
    tally.advance(Duration.ofMinutes(2));
    holds.expireDue();

    assertRefused(() -> holds.settle(hold.id(), cny("1")), ErrorCode.HOLD_NOT_ACTIVE);
    assertRefused(() -> holds.voidHold(hold.id()), ErrorCode.HOLD_NOT_ACTIVE);
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesToSettleAtTheExpiryInstantEvenBeforeTheSweep() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3", Duration.ofMinutes(1));
    tally.clock().set(hold.expiresAt());

    assertRefused(() -> holds.settle(hold.id(), cny("1")), ErrorCode.HOLD_EXPIRED);
    assertThat(holds.hold(hold.id()).status()).isEqualTo(HoldStatus.HELD);
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(acme().held()).isEqualTo(cny("3"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesToSettleAfterExpiryEvenBeforeTheSweep() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3", Duration.ofMinutes(1));
    tally.advance(Duration.ofHours(1));

    assertRefused(() -> holds.settle(hold.id(), cny("0")), ErrorCode.HOLD_EXPIRED);
    assertThat(acme().balance()).isEqualTo(cny("10"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void settlesJustBeforeExpiry() {
    tally.aCustomer("acme").recharged("10");
    Hold hold = reserve("3", Duration.ofMinutes(1));
    tally.clock().set(hold.expiresAt().minusNanos(1000));

    assertThat(holds.settle(hold.id(), cny("2")).status()).isEqualTo(HoldStatus.SETTLED);
    assertThat(acme().balance()).isEqualTo(cny("8"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void theSweepReleasesExpiredHoldsAndOnlyThose() {
    tally.aCustomer("acme").recharged("10");
    Hold short1 = reserve("1", Duration.ofMinutes(1));
    Hold short2 = reserve("2", Duration.ofMinutes(5));
    Hold long1 = reserve("4", Duration.ofMinutes(30));
    Hold settled = reserve("0.5", Duration.ofMinutes(1));
    holds.settle(settled.id(), cny("0.5"));
    Instant sweep = tally.clock().advance(Duration.ofMinutes(5));

    int expired = holds.expireDue();

    assertThat(expired).isEqualTo(2);
    assertThat(holds.hold(short1.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    assertThat(holds.hold(short1.id()).closedAt()).contains(sweep);
    assertThat(holds.hold(short2.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    assertThat(holds.hold(long1.id()).status()).isEqualTo(HoldStatus.HELD);
    assertThat(holds.hold(settled.id()).status()).isEqualTo(HoldStatus.SETTLED);
    assertThat(acme().held()).isEqualTo(cny("4"));
    assertThat(acme().balance()).isEqualTo(cny("9.5"));
    assertThat(holds.expireDue()).isZero();
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aUseThatNeedsHeldMoneyIsRefused() {
    ProductResource llm = tally.aPayPerUseResource("0.01");
    tally.aCustomer("acme").recharged("10");
    Hold first = holds.reserve(new ReserveHold(ACME, USER, llm.productId(), cny("4"), TEN_MINUTES));
    Hold second =
        holds.reserve(new ReserveHold(ACME, USER, llm.productId(), cny("4"), TEN_MINUTES));

    assertRefused(() -> tally.use("acme", llm, "300"), ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(acme().balance()).isEqualTo(cny("10"));

    tally.use("acme", llm, "200");
    holds.settle(first.id(), cny("4"));
    holds.settle(second.id(), cny("4"));

    assertThat(acme().balance()).isEqualTo(cny("0"));
    assertThat(acme().held()).isEqualTo(cny("0"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void settlingOrVoidingAnUnknownHoldIsNotFound() {
    assertRefused(() -> holds.settle(HoldId.of("nope"), cny("1")), ErrorCode.NOT_FOUND);
    assertRefused(() -> holds.voidHold(HoldId.of("nope")), ErrorCode.NOT_FOUND);
  }
}
