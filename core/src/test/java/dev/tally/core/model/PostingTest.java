package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostingTest {
  private static final Reference REFERENCE = new Reference(Reference.ADJUSTMENT, "adj-1");
  private static final AccountId ACME = AccountId.customer(OrgId.of("acme"));
  private static final AccountId REVENUE = AccountId.revenue(OrgId.of("reseller-1"));
  private static final AccountId COST = AccountId.cost(OrgId.of("reseller-1"));
  private static final AccountId PAYABLE = AccountId.payable(OrgId.of("supplier-1"));

  private static LedgerAmount cny(String amount) {
    return new LedgerAmount(new BigDecimal(amount), Currency.CNY);
  }

  private static Posting.Leg leg(AccountId account, String amount) {
    return new Posting.Leg(account, cny(amount));
  }

  private static Posting posting(Posting.Leg... legs) {
    return new Posting(Operation.PAY, REFERENCE, "memo", List.of(legs));
  }

  @Test
  void aTransferTakesFromOneAccountAndGivesToTheOther() {
    Posting transfer =
        Posting.transfer(Operation.PAY, REFERENCE, "use", ACME, REVENUE, cny("2.5"));

    assertThat(transfer.legs()).containsExactly(leg(ACME, "-2.5"), leg(REVENUE, "2.5"));
  }

  @Test
  void acceptsThreeLegsThatSumToZero() {
    Posting posting = posting(leg(ACME, "-3"), leg(REVENUE, "2"), leg(COST, "1"));

    assertThat(posting.legs()).hasSize(3);
  }

  @Test
  void refusesLegsThatDoNotSumToZero() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> posting(leg(ACME, "-2.5"), leg(REVENUE, "2.4999")));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> posting(leg(ACME, "-3"), leg(REVENUE, "2"), leg(COST, "0.999999")));
  }

  @Test
  void refusesLegsInTwoCurrencies() {
    Posting.Leg dollars =
        new Posting.Leg(REVENUE, new LedgerAmount(new BigDecimal("1"), Currency.of("USD")));

    assertThatIllegalArgumentException().isThrownBy(() -> posting(leg(ACME, "-1"), dollars));
  }

  @Test
  void refusesACustomerLegLargerThanABalanceCanHold() {
    assertThatIllegalArgumentException().isThrownBy(() -> leg(ACME, "-100000000000"));
    assertThat(leg(REVENUE, "100000000000").amount()).isEqualTo(cny("100000000000"));
  }

  @Test
  void letsCustomerLegsCarrySixDecimalsAsCharges() {
    Posting small =
        Posting.transfer(Operation.PAY, REFERENCE, "", ACME, REVENUE, cny("0.000057"));

    assertThat(small.legs().get(0).amount()).isEqualTo(cny("-0.000057"));
  }

  @Test
  void letsOtherAccountsCarrySixDecimals() {
    Posting cost =
        Posting.transfer(Operation.PAY_COST, REFERENCE, "", COST, PAYABLE, cny("0.000015"));

    assertThat(cost.legs().get(1).amount()).isEqualTo(cny("0.000015"));
  }

  @Test
  void refusesALegOfZero() {
    assertThatIllegalArgumentException().isThrownBy(() -> leg(REVENUE, "0"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Posting.transfer(Operation.PAY, REFERENCE, "", ACME, REVENUE, cny("0")));
  }

  @Test
  void refusesFewerThanTwoLegs() {
    assertThatIllegalArgumentException().isThrownBy(() -> posting(leg(REVENUE, "1")));
    assertThatIllegalArgumentException().isThrownBy(() -> posting());
  }

  @Test
  void keepsAnEmptyMemoForNoneAndRefusesAnOverlongOne() {
    Posting noMemo =
        new Posting(Operation.PAY, REFERENCE, null, List.of(leg(ACME, "-1"), leg(REVENUE, "1")));

    assertThat(noMemo.memo()).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Posting(
                    Operation.PAY, REFERENCE, "m".repeat(256),
                    List.of(leg(ACME, "-1"), leg(REVENUE, "1"))));
  }
}
