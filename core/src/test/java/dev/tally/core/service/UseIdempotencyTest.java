package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.START;
import static dev.tally.core.testing.TestTally.cny;
import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Reference;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UseResult;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.testing.TestTally;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A use is keyed by its source ref: a retry is charged once, a refused use is not recorded. */
class UseIdempotencyTest {
  private final TestTally tally = TestTally.create();
  private final Metering metering = tally.core().metering();
  // 0.002 per token: 1000 tokens cost 2.0000
  private final ProductResource llm = tally.aPayPerUseResource("0.002");

  private UseCommand.Builder request(String amount) {
    return tally.aUse("acme", llm, amount).sourceRef(SourceRef.of("llm_request", "req-42"));
  }

  @Test
  void replaysTheSameRequestWithoutChargingAgain() {
    tally.aCustomer("acme").recharged("10");
    UseResult first = metering.use(request("1000").build());

    UseResult retry = metering.use(request("1000").build());

    assertThat(first.replayed()).isFalse();
    assertThat(retry.replayed()).isTrue();
    assertThat(retry.usage()).isEqualTo(first.usage());
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.operationsFor(Reference.usage(first.usage().id())))
        .containsExactlyInAnyOrder(Operation.PAY, Operation.PAY_COST);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void replaysAQuotaUseWithoutConsumingQuotaAgain() {
    ProductResource quota = tally.aResourceSoldIn(BillingMode.QUOTA, "0.002");
    Subscription subscription = tally.aCustomer("acme").subscribedTo(quota, "1000");
    UseCommand command =
        tally.aUse("acme", quota, "300").sourceRef(SourceRef.of("llm_request", "q-1")).build();
    metering.use(command);

    UseResult retry = metering.use(command);

    assertThat(retry.replayed()).isTrue();
    assertThat(tally.subscription(subscription.id()).quotaUsed()).isEqualTo(tokens("300"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAnotherRequestUnderTheSameSourceRef() {
    tally.aCustomer("acme").recharged("10");
    metering.use(request("1000").build());
    long ledgerBefore = tally.ledgerEntryCount();

    ErrorCode otherAmount = refusalOf(() -> metering.use(request("2000").build()));
    ErrorCode otherOrg =
        refusalOf(
            () ->
                metering.use(
                    UseCommand.builder(llm.productId(), TestTally.USER, OrgId.of("beta"))
                        .used(tokens("1000"))
                        .sourceRef(SourceRef.of("llm_request", "req-42"))
                        .build()));
    ErrorCode otherUsage =
        refusalOf(
            () ->
                metering.use(
                    request("1000")
                        .usage(Map.of("prompt_tokens", new BigDecimal("1000")))
                        .build()));

    assertThat(otherAmount).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(otherOrg).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(otherUsage).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.ledgerEntryCount()).isEqualTo(ledgerBefore);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void judgesARefusedUseAfreshWhenItIsTriedAgain() {
    tally.aCustomer("acme").recharged("1");

    assertThat(refusalOf(() -> metering.use(request("1000").build())))
        .isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(tally.usageLog()).isEmpty();
    tally.aCustomer("acme").recharged("5");

    UseResult accepted = metering.use(request("1000").build());

    assertThat(accepted.replayed()).isFalse();
    assertThat(accepted.usage().sellPrice()).isEqualTo(cny("2.0000"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("4.0000"));
    assertThat(tally.usageLog()).hasSize(1);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aRetryWithoutUseTimeMatchesAnOriginalWithoutUseTime() {
    tally.aCustomer("acme").recharged("10");
    UseResult first = metering.use(request("1000").build());
    tally.advance(Duration.ofMinutes(5));

    UseResult retry = metering.use(request("1000").build());

    assertThat(retry.replayed()).isTrue();
    assertThat(retry.usage().id()).isEqualTo(first.usage().id());
    assertThat(retry.usage().useTime()).isEqualTo(START);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aRetryRepeatsAUseTimeThatWasGiven() {
    tally.aCustomer("acme").recharged("10");
    metering.use(request("1000").useTime(START).build());
    tally.advance(Duration.ofMinutes(5));

    UseResult retry = metering.use(request("1000").useTime(START).build());

    assertThat(retry.replayed()).isTrue();
    assertThat(
            refusalOf(() -> metering.use(request("1000").useTime(START.plusSeconds(1)).build())))
        .isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("8.0000"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void useAllGivesEachItemItsOwnOutcomeInOrder() {
    tally.aCustomer("acme").recharged("3");
    UseCommand first = tally.aUse("acme", llm, "1000").build();
    List<UseCommand> batch =
        List.of(
            first,
            // 2.0000 more than the 1.0000 left
            tally.aUse("acme", llm, "1000").build(),
            tally.aUse("acme", llm, "500").build(),
            first,
            // metered in the wrong unit
            tally.aUse("acme", llm, "1").used(Quantity.of("1", Unit.CALL)).build());

    List<UseOutcome> outcomes = metering.useAll(batch);

    assertThat(outcomes).hasSize(5);
    assertThat(outcomes.get(0))
        .isInstanceOfSatisfying(
            UseOutcome.Accepted.class,
            accepted -> {
              assertThat(accepted.result().replayed()).isFalse();
              assertThat(accepted.result().usage().sellPrice()).isEqualTo(cny("2.0000"));
            });
    assertThat(outcomes.get(1))
        .isInstanceOfSatisfying(
            UseOutcome.Refused.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE));
    assertThat(outcomes.get(2))
        .isInstanceOfSatisfying(
            UseOutcome.Accepted.class,
            accepted -> assertThat(accepted.result().usage().sellPrice()).isEqualTo(cny("1.0000")));
    assertThat(outcomes.get(3))
        .isInstanceOfSatisfying(
            UseOutcome.Accepted.class,
            accepted -> assertThat(accepted.result().replayed()).isTrue());
    assertThat(outcomes.get(4))
        .isInstanceOfSatisfying(
            UseOutcome.Refused.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(cny("0.0000"));
    assertThat(tally.usageLog()).hasSize(2);
    assertThat(tally.verify().violations()).isEmpty();
  }
}
