package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionModelTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private static Quantity tokens(String amount) {
    return Quantity.of(amount, Unit.TOKEN);
  }

  /** A monthly subscription of 1000 tokens with {@code used} of them used, no overage used. */
  private static Subscription subscription(
      BillingMode mode, String used, boolean allowOverage, Optional<String> cap) {
    return subscription(mode, used, allowOverage, cap, "0");
  }

  private static Subscription subscription(
      BillingMode mode, String used, boolean allowOverage, Optional<String> cap, String overage) {
    return new Subscription(
        SubscriptionId.of("sub-1"),
        ProductId.of("product-1"),
        UserId.of("user-1"),
        OrgId.of("acme"),
        mode,
        tokens("1000"),
        tokens(used),
        START,
        Subscription.periodEndFrom(START, Period.ofMonths(1)),
        Period.ofMonths(1),
        allowOverage,
        Optional.of(UnitPrice.of("0.01", Currency.CNY)),
        cap.map(SubscriptionModelTest::tokens),
        tokens(overage),
        SubscriptionStatus.ACTIVE,
        true,
        Money.of("9.9", Currency.CNY),
        START);
  }

  private static Subscription quotaOnly(String used) {
    return subscription(BillingMode.QUOTA, used, false, Optional.empty());
  }

  private static Subscription withOverage(String used, Optional<String> cap, String overageUsed) {
    return subscription(BillingMode.QUOTA_WITH_OVERAGE, used, true, cap, overageUsed);
  }

  private static void assertQuotaExceeded(Subscription subscription, String amount) {
    assertThatThrownBy(() -> subscription.split(tokens(amount)))
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
  }

  @Test
  void takesAUseOfExactlyTheRemainingQuotaWhollyFromTheQuota() {
    QuotaSplit split = quotaOnly("400").split(tokens("600"));

    assertThat(split.inQuota()).isEqualTo(tokens("600"));
    assertThat(split.overage()).isEqualTo(Quantity.zero(Unit.TOKEN));
    assertThat(split.hasOverage()).isFalse();
  }

  @Test
  void refusesOneTenThousandthBeyondTheRemainingQuotaWithoutOverage() {
    assertQuotaExceeded(quotaOnly("400"), "600.0001");
    assertQuotaExceeded(quotaOnly("1000"), "0.0001");
  }

  @Test
  void refusesBeyondTheQuotaInOverageModeWhileOverageIsOff() {
    assertQuotaExceeded(
        subscription(BillingMode.QUOTA_WITH_OVERAGE, "400", false, Optional.empty()), "600.0001");
  }

  @Test
  void ignoresTheOverageFlagOutsideTheOverageMode() {
    assertQuotaExceeded(subscription(BillingMode.QUOTA, "400", true, Optional.empty()), "600.0001");
  }

  @Test
  void sendsThePartBeyondTheQuotaToOverageWhenAllowed() {
    QuotaSplit split = withOverage("400", Optional.empty(), "0").split(tokens("600.0001"));

    assertThat(split.inQuota()).isEqualTo(tokens("600"));
    assertThat(split.overage()).isEqualTo(tokens("0.0001"));
    assertThat(split.total()).isEqualTo(tokens("600.0001"));
  }

  @Test
  void drawsWhollyOnOverageOnceTheQuotaIsUsedUp() {
    QuotaSplit split = withOverage("1000", Optional.empty(), "0").split(tokens("250"));

    assertThat(split.inQuota()).isEqualTo(Quantity.zero(Unit.TOKEN));
    assertThat(split.overage()).isEqualTo(tokens("250"));
  }

  @Test
  void acceptsOverageUpToTheCapAndRefusesBeyondIt() {
    Subscription capped = withOverage("400", Optional.of("100"), "30");

    assertThat(capped.overageHeadroom()).contains(tokens("70"));
    assertThat(capped.split(tokens("670")).overage()).isEqualTo(tokens("70"));
    assertQuotaExceeded(capped, "670.0001");
  }

  @Test
  void hasNoHeadroomLeftOnceTheCapIsReachedAndNoLimitWithoutACap() {
    assertThat(withOverage("1000", Optional.of("100"), "100").overageHeadroom())
        .contains(Quantity.zero(Unit.TOKEN));
    assertQuotaExceeded(withOverage("1000", Optional.of("100"), "100"), "0.0001");
    assertThat(withOverage("1000", Optional.empty(), "100").overageHeadroom()).isEmpty();
    assertThat(withOverage("1000", Optional.empty(), "100").split(tokens("5000")).overage())
        .isEqualTo(tokens("5000"));
  }

  @Test
  void countsAUseInTheQuotaUnitOnly() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> quotaOnly("0").split(Quantity.of("1", Unit.CALL)));
  }

  @Test
  void consumingAddsBothPartsToWhatWasUsed() {
    Subscription before = withOverage("900", Optional.of("500"), "10");

    Subscription after = before.consumed(before.split(tokens("150")));

    assertThat(after.quotaUsed()).isEqualTo(tokens("1000"));
    assertThat(after.overageUsed()).isEqualTo(tokens("60"));
    assertThat(after.remainingQuota()).isEqualTo(Quantity.zero(Unit.TOKEN));
    assertThat(after.overageHeadroom()).contains(tokens("440"));
  }

  @Test
  void renewalStartsANewPeriodWithQuotaAndOverageUsedBackToZero() {
    Subscription used = withOverage("1000", Optional.of("100"), "80");
    Instant next = used.periodEnd();

    Subscription renewed = used.renewedFrom(next);

    assertThat(renewed.quotaUsed()).isEqualTo(Quantity.zero(Unit.TOKEN));
    assertThat(renewed.overageUsed()).isEqualTo(Quantity.zero(Unit.TOKEN));
    assertThat(renewed.remainingQuota()).isEqualTo(tokens("1000"));
    assertThat(renewed.overageHeadroom()).contains(tokens("100"));
    assertThat(renewed.periodStart()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(renewed.periodEnd()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(renewed.quotaTotal()).isEqualTo(used.quotaTotal());
    assertThat(renewed.fee()).isEqualTo(used.fee());
    assertThat(renewed.id()).isEqualTo(used.id());
  }

  @Test
  void aMonthFromJanuaryThirtyFirstEndsOnTheLastDayOfFebruaryInUtc() {
    Period month = Period.ofMonths(1);

    assertThat(Subscription.periodEndFrom(Instant.parse("2026-01-31T00:00:00Z"), month))
        .isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
    assertThat(Subscription.periodEndFrom(Instant.parse("2028-01-31T10:30:00Z"), month))
        .isEqualTo(Instant.parse("2028-02-29T10:30:00Z"));
    // 2026-01-30T20:00Z is already January 31 in Shanghai; the period follows the UTC calendar
    assertThat(Subscription.periodEndFrom(Instant.parse("2026-01-30T20:00:00Z"), month))
        .isEqualTo(Instant.parse("2026-02-28T20:00:00Z"));
  }

  @Test
  void aPeriodIncludesItsStartAndExcludesItsEnd() {
    Subscription subscription = quotaOnly("0");
    Instant end = subscription.periodEnd();

    assertThat(subscription.isWithinPeriod(START)).isTrue();
    assertThat(subscription.isWithinPeriod(START.minusNanos(1000))).isFalse();
    assertThat(subscription.isWithinPeriod(end.minusNanos(1000))).isTrue();
    assertThat(subscription.isWithinPeriod(end)).isFalse();
    assertThat(subscription.isExpiredAt(end.minusNanos(1000))).isFalse();
    assertThat(subscription.isExpiredAt(end)).isTrue();
  }
}
