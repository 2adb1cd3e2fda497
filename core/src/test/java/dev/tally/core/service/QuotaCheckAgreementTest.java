package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.refusalOf;
import static dev.tally.core.testing.TestTally.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.Subscription;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * check_quota says whether a use of an amount would be accepted now: each case asks it, then makes
 * the use, and the two agree; a refused use changes nothing, a use past the largest quantity Tally
 * stores is refused as such (never a server error).
 */
class QuotaCheckAgreementTest {
  private final TestTally tally = tally();
  // overage at 0.002 per token (the resource's price), supplier cost 0
  private final ProductResource llm = tally.aResourceSoldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002");

  TestTally tally() {
    return TestTally.create();
  }

  @Test
  void agreesWithinTheQuotaAndPastTheOverageCap() {
    Subscription subscription =
        tally.aCustomer("acme").recharged("10").subscribedTo(llm, "100", SubscriptionTerms.plain().withOverage("0.001", "50"));

    assertAgrees(subscription, "150", true);
    assertAgrees(subscription, "1", false);
  }

  @Test
  void agreesWhenTheCustomerIsSuspended() {
    Subscription subscription = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "100");
    tally.core().balances().suspend(OrgId.of("acme"));

    QuotaCheck check = assertAgrees(subscription, "1", false);

    assertThat(check.refusal()).hasValueSatisfying(why -> assertThat(why).contains("suspended"));
    assertThat(refusalOf(() -> tally.use("acme", subscription, "1"))).isEqualTo(ErrorCode.CUSTOMER_SUSPENDED);
  }

  @Test
  void agreesWhenTheSubscriptionIsSuspendedOrEnded() {
    Subscription suspended = tally.aCustomer("acme").recharged("10").subscribedTo(llm, "100");
    tally.core().subscriptions().suspend(suspended.id());
    Subscription ended = tally.aCustomer("globex").recharged("10").subscribedTo(llm, "100");
    tally.advance(Duration.ofDays(40));

    assertAgrees(suspended, "1", false);
    assertAgrees(ended, "1", false);
  }

  @Test
  void refusesAUseWhoseOverageCounterWouldPassTheLargestQuantityAndCheckQuotaSaysSo() {
    // overage at 0: counting it is all that can overflow
    Subscription subscription =
        tally.aCustomer("acme").recharged("10").subscribedTo(llm, "1", SubscriptionTerms.plain().withOverage("0", null));
    String nearlyAll = "99999999999";
    assertAgrees(subscription, nearlyAll, true);
    assertThat(tally.subscription(subscription.id()).overageUsed()).isEqualTo(tokens("99999999998"));

    QuotaCheck check = assertAgrees(subscription, "2", false);

    assertThat(check.refusal()).hasValueSatisfying(why -> assertThat(why).contains("largest quantity"));
    assertThat(refusalOf(() -> tally.use("acme", subscription, "2"))).isEqualTo(ErrorCode.AMOUNT_OUT_OF_RANGE);
    assertAgrees(subscription, "1", true);
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void refusesAnOverageChargePastTheLargestThatOneUseMayChargeAndCheckQuotaSaysSo() {
    Subscription subscription =
        tally.aCustomer("acme").recharged("10").withCreditLimit("99999999").subscribedTo(
            llm, "1", SubscriptionTerms.plain().withOverage("1000", null));

    QuotaCheck check = assertAgrees(subscription, "10000001", false);

    assertThat(check.refusal()).hasValueSatisfying(why -> assertThat(why).contains("too large to record"));
    assertThat(refusalOf(() -> tally.use("acme", subscription, "10000001"))).isEqualTo(ErrorCode.AMOUNT_OUT_OF_RANGE);
  }

  /** Asks check_quota, then uses the amount: both say {@code accepted}; a refusal changes nothing. */
  private QuotaCheck assertAgrees(Subscription subscription, String amount, boolean accepted) {
    QuotaCheck check = tally.core().subscriptions().checkQuota(subscription.id(), tokens(amount));
    Subscription before = tally.subscription(subscription.id());
    Optional<ErrorCode> refusal;
    try {
      tally.use(subscription.orgId().value(), subscription, amount);
      refusal = Optional.empty();
    } catch (TallyException refused) {
      refusal = Optional.of(refused.code());
    }

    assertThat(check.accepted()).as("check_quota of %s", amount).isEqualTo(accepted);
    assertThat(refusal.isEmpty()).as("a use of %s was accepted (refusal %s)", amount, refusal).isEqualTo(accepted);
    if (!accepted) {
      assertThat(tally.subscription(subscription.id())).isEqualTo(before);
    }
    return check;
  }
}
