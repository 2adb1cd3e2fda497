package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CustomerBalanceTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("2026-03-01T01:00:00Z");
  private static final OrgId ACME = OrgId.of("acme");

  private static Money cny(String amount) {
    return Money.of(amount, Currency.CNY);
  }

  private static CustomerBalance balance(
      String balance, String creditLimit, String held, BalanceStatus status) {
    return new CustomerBalance(
        ACME, cny(balance), cny(creditLimit), cny(held), Optional.empty(), Optional.empty(), status,
        3, NOW);
  }

  private static void assertRefused(ThrowingCallable charge, ErrorCode code) {
    assertThatThrownBy(charge)
        .isInstanceOfSatisfying(
            TallyException.class, refused -> assertThat(refused.code()).isEqualTo(code));
  }

  @Test
  void availableIsBalancePlusCreditLimitMinusHeld() {
    assertThat(balance("10", "5", "3", BalanceStatus.ACTIVE).available()).isEqualTo(cny("12"));
    assertThat(balance("-4", "5", "1", BalanceStatus.ARREARS).available()).isEqualTo(cny("0"));
    assertThat(balance("0", "0", "0", BalanceStatus.ACTIVE).available()).isEqualTo(cny("0"));
  }

  @Test
  void opensEmptyAndActive() {
    CustomerBalance opened = CustomerBalance.open(ACME, Currency.CNY, NOW);

    assertThat(opened.balance()).isEqualTo(cny("0"));
    assertThat(opened.creditLimit()).isEqualTo(cny("0"));
    assertThat(opened.held()).isEqualTo(cny("0"));
    assertThat(opened.status()).isEqualTo(BalanceStatus.ACTIVE);
    assertThat(opened.ledgerSequence()).isZero();
  }

  @Test
  void goesIntoArrearsBelowZero() {
    CustomerBalance moved =
        balance("1", "5", "0", BalanceStatus.ACTIVE).moved(cny("-1.0001"), 4, Operation.PAY, LATER);

    assertThat(moved.balance()).isEqualTo(cny("-0.0001"));
    assertThat(moved.status()).isEqualTo(BalanceStatus.ARREARS);
    assertThat(moved.ledgerSequence()).isEqualTo(4);
  }

  @Test
  void staysInArrearsUntilBackToZeroThenTurnsActive() {
    CustomerBalance arrears = balance("-3", "5", "0", BalanceStatus.ARREARS);

    assertThat(arrears.moved(cny("2.9999"), 4, Operation.RECHARGE, LATER).status())
        .isEqualTo(BalanceStatus.ARREARS);
    assertThat(arrears.moved(cny("3"), 4, Operation.RECHARGE, LATER).status())
        .isEqualTo(BalanceStatus.ACTIVE);
    assertThat(arrears.moved(cny("10"), 4, Operation.ADJUST, LATER).status())
        .isEqualTo(BalanceStatus.ACTIVE);
  }

  @Test
  void staysActiveAtExactlyZero() {
    assertThat(
            balance("2", "0", "0", BalanceStatus.ACTIVE)
                .moved(cny("-2"), 4, Operation.PAY, LATER)
                .status())
        .isEqualTo(BalanceStatus.ACTIVE);
  }

  @Test
  void aSuspendedBalanceStaysSuspendedWhicheverWayItMoves() {
    CustomerBalance suspended = balance("1", "5", "0", BalanceStatus.SUSPENDED);

    CustomerBalance down = suspended.moved(cny("-3"), 4, Operation.PAY, LATER);
    CustomerBalance upAgain = down.moved(cny("10"), 5, Operation.RECHARGE, LATER);

    assertThat(down.status()).isEqualTo(BalanceStatus.SUSPENDED);
    assertThat(upAgain.status()).isEqualTo(BalanceStatus.SUSPENDED);
    assertThat(upAgain.balance()).isEqualTo(cny("8"));
  }

  @Test
  void resumingLetsTheStatusFollowTheBalance() {
    assertThat(balance("-0.0001", "5", "0", BalanceStatus.SUSPENDED).resumed(LATER).status())
        .isEqualTo(BalanceStatus.ARREARS);
    assertThat(balance("0", "5", "0", BalanceStatus.SUSPENDED).resumed(LATER).status())
        .isEqualTo(BalanceStatus.ACTIVE);
    assertThat(balance("7", "0", "0", BalanceStatus.ACTIVE).suspended(LATER).status())
        .isEqualTo(BalanceStatus.SUSPENDED);
  }

  @Test
  void recordsTheTimeOfTheLastRechargeAndOfTheLastConsumption() {
    CustomerBalance start = balance("10", "0", "0", BalanceStatus.ACTIVE);

    CustomerBalance recharged = start.moved(cny("5"), 4, Operation.RECHARGE, LATER);
    CustomerBalance paid = start.moved(cny("-1"), 4, Operation.PAY, LATER);
    CustomerBalance adjustedDown = start.moved(cny("-1"), 4, Operation.ADJUST, LATER);

    assertThat(recharged.lastRecharge()).contains(LATER);
    assertThat(recharged.lastConsumption()).isEmpty();
    assertThat(paid.lastConsumption()).contains(LATER);
    assertThat(paid.lastRecharge()).isEmpty();
    assertThat(adjustedDown.lastConsumption()).isEmpty();
  }

  @Test
  void paysWhatIsAvailableAndNotOneTenThousandthMore() {
    CustomerBalance balance = balance("10", "5", "3", BalanceStatus.ACTIVE);

    assertThatCode(() -> balance.requireCanPay(cny("12"), "a use")).doesNotThrowAnyException();
    assertRefused(
        () -> balance.requireCanPay(cny("12.0001"), "a use"), ErrorCode.INSUFFICIENT_BALANCE);
  }

  @Test
  void aSuspendedCustomerPaysNothingEvenWithMoney() {
    CustomerBalance suspended = balance("100", "0", "0", BalanceStatus.SUSPENDED);

    assertRefused(
        () -> suspended.requireCanPay(cny("0.0001"), "a use"), ErrorCode.CUSTOMER_SUSPENDED);
    assertRefused(suspended::requireNotSuspended, ErrorCode.CUSTOMER_SUSPENDED);
  }

  @Test
  void refusesAnAmountInAnotherCurrency() {
    CustomerBalance balance = balance("100", "0", "0", BalanceStatus.ACTIVE);

    assertRefused(
        () -> balance.requireCanPay(Money.of("1", Currency.of("USD")), "a use"),
        ErrorCode.CURRENCY_MISMATCH);
  }

  @Test
  void refusesANegativeCreditLimitOrHeldAmountAndMixedCurrencies() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> balance("0", "-1", "0", BalanceStatus.ACTIVE));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> balance("0", "0", "-1", BalanceStatus.ACTIVE));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new CustomerBalance(
                    ACME, cny("1"), Money.of("1", Currency.of("USD")), cny("0"), Optional.empty(),
                    Optional.empty(), BalanceStatus.ACTIVE, 0, NOW));
  }
}
