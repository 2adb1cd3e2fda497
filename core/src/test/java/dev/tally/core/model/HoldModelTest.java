package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoldModelTest {
  private static final Instant MADE = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-03-01T00:10:00Z");

  private static Money cny(String amount) {
    return Money.of(amount, Currency.CNY);
  }

  private static Hold held(String amount) {
    return new Hold(
        HoldId.of("hold-1"), OrgId.of("acme"), UserId.of("user-1"), ProductId.of("product-1"),
        cny(amount), HoldStatus.HELD, Optional.empty(), MADE, EXPIRES, Optional.empty());
  }

  @Test
  void expiresAtItsExpiryInstantNotBefore() {
    Hold hold = held("5");

    assertThat(hold.isExpiredAt(EXPIRES.minusNanos(1000))).isFalse();
    assertThat(hold.isExpiredAt(EXPIRES)).isTrue();
    assertThat(hold.isExpiredAt(EXPIRES.plusSeconds(1))).isTrue();
  }

  @Test
  void settlingRecordsTheActualAmountAndClosesTheHold() {
    Instant at = MADE.plusSeconds(60);

    Hold settled = held("5").settled(cny("1.25"), at);

    assertThat(settled.status()).isEqualTo(HoldStatus.SETTLED);
    assertThat(settled.settledAmount()).contains(cny("1.25"));
    assertThat(settled.closedAt()).contains(at);
    assertThat(settled.isHeld()).isFalse();
    assertThat(settled.amount()).isEqualTo(cny("5"));
  }

  @Test
  void aReleaseEndsVoidedOrExpiredWithoutASettledAmount() {
    Instant at = MADE.plusSeconds(60);

    assertThat(held("5").released(HoldStatus.VOIDED, at).status()).isEqualTo(HoldStatus.VOIDED);
    assertThat(held("5").released(HoldStatus.EXPIRED, at).settledAmount()).isEmpty();
    assertThat(held("5").released(HoldStatus.EXPIRED, at).closedAt()).contains(at);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> held("5").released(HoldStatus.SETTLED, at));
    assertThatIllegalArgumentException().isThrownBy(() -> held("5").released(HoldStatus.HELD, at));
  }

  @Test
  void refusesAnEmptyHoldOrOneThatExpiresBeforeItIsMade() {
    assertThatIllegalArgumentException().isThrownBy(() -> held("0"));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Hold(
                    HoldId.of("hold-1"), OrgId.of("acme"), UserId.of("user-1"),
                    ProductId.of("product-1"), cny("5"), HoldStatus.HELD, Optional.empty(), MADE,
                    MADE, Optional.empty()));
  }

  @Test
  void refusesAnInconsistentOutcome() {
    // settled without an amount
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Hold(
                    HoldId.of("hold-1"), OrgId.of("acme"), UserId.of("user-1"),
                    ProductId.of("product-1"), cny("5"), HoldStatus.SETTLED, Optional.empty(),
                    MADE, EXPIRES, Optional.of(EXPIRES)));
    // closed without a close time
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Hold(
                    HoldId.of("hold-1"), OrgId.of("acme"), UserId.of("user-1"),
                    ProductId.of("product-1"), cny("5"), HoldStatus.VOIDED, Optional.empty(),
                    MADE, EXPIRES, Optional.empty()));
  }
}
