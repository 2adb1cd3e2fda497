package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Subscribe;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Business input never causes a server error: an amount or counter past the largest Tally stores
 * is a 422 {@code amount_out_of_range} that changes nothing, and check_quota says so beforehand.
 */
class OutOfRangeApiTest {
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;

  @RegisterExtension final ApiServer api = new ApiServer();

  @Test
  void refusesARechargeAdjustmentOrCreditLimitPastTheLargestStorableAmount() {
    String nearlyLargest = Money.largest(Currency.CNY).minus(Money.of("1", Currency.CNY)).amount().toPlainString();
    assertThat(api.asAdmin().post("/api/v1/balances/acme/recharge", "{\"amount\": \"" + nearlyLargest + "\"}").status())
        .isEqualTo(200);

    Reply recharge = api.asAdmin().post("/api/v1/balances/acme/recharge", "{\"amount\": \"2\"}");
    Reply adjust = api.asAdmin().post("/api/v1/balances/acme/adjust", "{\"amount\": \"2\", \"reason\": \"goodwill\"}");
    Reply creditLimit = api.asAdmin().put("/api/v1/balances/acme/credit-limit", "{\"credit_limit\": \"2\"}");

    for (Reply reply : new Reply[] {recharge, adjust, creditLimit}) {
      assertOutOfRange(reply);
    }
    assertThat(api.core().balances().balance(ACME).balance().amount().toPlainString()).isEqualTo(nearlyLargest);
    assertThat(api.core().balances().balance(ACME).creditLimit().isZero()).isTrue();
    assertThat(api.asAdmin().get("/api/v1/accounting/verify").json().path("violations").size()).isZero();
  }

  @Test
  void refusesAUseWhoseOverageCounterWouldOverflowAndCheckQuotaAgrees() {
    MeteringSetup setup = new MeteringSetup(api.core());
    ProductResource llm = setup.soldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002", "0");
    setup.recharged("acme", "10");
    // overage at 0: counting it is all that can overflow
    Subscription subscription =
        api.core()
            .subscriptions()
            .subscribe(
                new Subscribe(
                    llm.productId(), UserId.of("u-1"), ACME, Optional.of(BillingMode.QUOTA_WITH_OVERAGE),
                    Quantity.of(1, Unit.TOKEN), Period.ofMonths(1), true,
                    Optional.of(UnitPrice.of("0", Currency.CNY)), Optional.empty(), false, Optional.empty()));
    String quota = "/api/v1/subscriptions/" + subscription.id().value() + "/quota?amount=";
    assertThat(api.asService().post("/api/v1/usage", MeteringSetup.useJson(llm, "acme", "99999999999", "r-1")).status())
        .isEqualTo(201);

    Reply check = api.asService().get(quota + "2");
    Reply use = api.asService().post("/api/v1/usage", MeteringSetup.useJson(llm, "acme", "2", "r-2"));

    assertThat(check.status()).isEqualTo(200);
    assertThat(check.json().path("accepted").asBoolean()).isFalse();
    assertThat(check.json().path("refusal").asText()).contains("largest quantity");
    assertOutOfRange(use);
    assertThat(api.asService().get(quota + "1").json().path("accepted").asBoolean()).isTrue();
    assertThat(api.asService().post("/api/v1/usage", MeteringSetup.useJson(llm, "acme", "1", "r-3")).status())
        .isEqualTo(201);
  }

  @Test
  void checkQuotaRefusesForASuspendedCustomerAsTheUseDoes() {
    MeteringSetup setup = new MeteringSetup(api.core());
    ProductResource llm = setup.soldIn(BillingMode.QUOTA, "0.002", "0.001");
    Subscription subscription = setup.recharged("acme", "10").subscribed("acme", llm, "100");
    api.core().balances().suspend(ACME);

    Reply check = api.asService().get("/api/v1/subscriptions/" + subscription.id().value() + "/quota?amount=1");
    Reply use = api.asService().post("/api/v1/usage", MeteringSetup.useJson(llm, "acme", "1", "r-1"));

    assertThat(check.json().path("accepted").asBoolean()).isFalse();
    assertThat(check.json().path("refusal").asText()).contains("suspended");
    assertThat(use.status()).isEqualTo(423);
    assertThat(use.code()).isEqualTo("customer_suspended");
  }

  private static void assertOutOfRange(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    assertThat(reply.code()).isEqualTo("amount_out_of_range");
  }
}
