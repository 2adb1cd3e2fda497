package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.auth.Role;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.Subscribe;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subscriptions over the socket: subscribe, read, list, cancel, renew, suspend, resume, overage
 * terms and quota checks, with customers confined to their own org.
 */
class SubscriptionApiTest {
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;
  private static final OrgId GLOBEX = OrgId.of("globex");
  private static final UserId USER = UserId.of("user-1");

  @RegisterExtension final ApiServer api = new ApiServer();

  // subscribe

  @Test
  void subscribesACustomerWithAQuotaForAMonth() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);

    Reply reply =
        api.asAdmin()
            .post(
                "/api/v1/subscriptions",
                """
                {"product_id": "%s", "user_id": "user-1", "user_org_id": "acme",
                 "quota_total": "1000", "quota_unit": "token"}
                """
                    .formatted(resource.productId().value()));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode subscription = reply.json();
    assertThat(subscription.path("id").asText()).isNotBlank();
    assertThat(subscription.path("product_id").asText()).isEqualTo(resource.productId().value());
    assertThat(subscription.path("user_id").asText()).isEqualTo("user-1");
    assertThat(subscription.path("user_org_id").asText()).isEqualTo("acme");
    assertThat(subscription.path("billing_mode").asText()).isEqualTo("2");
    assertThat(subscription.path("quota_total").asText()).isEqualTo("1000.0000");
    assertThat(subscription.path("quota_used").asText()).isEqualTo("0.0000");
    assertThat(subscription.path("quota_unit").asText()).isEqualTo("token");
    assertThat(subscription.path("remaining_quota").asText()).isEqualTo("1000.0000");
    assertThat(subscription.path("period_start").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(subscription.path("period_end").asText()).isEqualTo("2026-04-01T00:00:00Z");
    assertThat(subscription.path("period").asText()).isEqualTo("P1M");
    assertThat(subscription.path("allow_overage").asBoolean()).isFalse();
    assertThat(subscription.path("overage_unit_price").isNull()).isTrue();
    assertThat(subscription.path("overage_cap").isNull()).isTrue();
    assertThat(subscription.path("overage_used").asText()).isEqualTo("0.0000");
    assertThat(subscription.path("status").asText()).isEqualTo("active");
    assertThat(subscription.path("auto_renew").asBoolean()).isFalse();
    assertThat(subscription.path("fee").asText()).isEqualTo("0.000000");
    assertThat(subscription.path("currency").asText()).isEqualTo("CNY");
    assertThat(subscription.path("created_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(subscriptionCount(ACME)).isEqualTo(1);
  }

  @Test
  void subscribesWithOverageTermsAndChargesTheFee() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA_WITH_OVERAGE);
    recharge(ACME, "100");

    Reply reply =
        api.asAdmin()
            .post(
                "/api/v1/subscriptions",
                """
                {"product_id": "%s", "user_id": "user-1", "user_org_id": "acme",
                 "billing_mode": "3", "quota_total": 1000, "quota_unit": "token",
                 "period": "P1Y", "allow_overage": true, "overage_unit_price": "0.003",
                 "overage_cap": "500", "auto_renew": true, "fee": "30", "currency": "CNY"}
                """
                    .formatted(resource.productId().value()));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode subscription = reply.json();
    assertThat(subscription.path("billing_mode").asText()).isEqualTo("3");
    assertThat(subscription.path("period").asText()).isEqualTo("P1Y");
    assertThat(subscription.path("period_end").asText()).isEqualTo("2027-03-01T00:00:00Z");
    assertThat(subscription.path("allow_overage").asBoolean()).isTrue();
    assertThat(subscription.path("overage_unit_price").asText()).isEqualTo("0.00300000");
    assertThat(subscription.path("overage_cap").asText()).isEqualTo("500.0000");
    assertThat(subscription.path("auto_renew").asBoolean()).isTrue();
    assertThat(subscription.path("fee").asText()).isEqualTo("30.000000");
    assertThat(api.core().balances().balance(ACME).balance()).isEqualTo(cny("70"));
  }

  @Test
  void refusesAFeeTheCustomerCannotPayAndSubscribesNothing() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);
    recharge(ACME, "5");

    Reply reply =
        api.asAdmin().post("/api/v1/subscriptions", subscribeBody(resource, "\"fee\": \"10\""));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(402);
    assertThat(reply.code()).isEqualTo("insufficient_balance");
    assertThat(subscriptionCount(ACME)).isZero();
    assertThat(api.core().balances().balance(ACME).balance()).isEqualTo(cny("5"));
  }

  @Test
  void refusesASecondCurrentSubscription() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);
    subscribed(ACME, resource);

    Reply reply = api.asAdmin().post("/api/v1/subscriptions", subscribeBody(resource, ""));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("subscription_exists");
    assertThat(subscriptionCount(ACME)).isEqualTo(1);
  }

  @Test
  void refusesASubscriptionToADraftOrUnknownProduct() {
    Product draft =
        api.core()
            .products()
            .createProduct(
                new CreateProduct("Beta", OrgId.of("reseller-1"), "", ProductStatus.DRAFT));

    Reply toDraft =
        api.asAdmin().post("/api/v1/subscriptions", subscribeBody(draft.id().value(), ""));
    Reply toUnknown = api.asAdmin().post("/api/v1/subscriptions", subscribeBody("nope", ""));

    assertThat(toDraft.status()).isEqualTo(409);
    assertThat(toDraft.code()).isEqualTo("invalid_state");
    assertThat(toUnknown.status()).isEqualTo(404);
    assertThat(toUnknown.code()).isEqualTo("not_found");
    assertThat(subscriptionCount(ACME)).isZero();
  }

  @Test
  void refusesAFeeInAnotherCurrencyThanTheCustomers() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);
    recharge(ACME, "100");

    Reply reply =
        api.asAdmin()
            .post(
                "/api/v1/subscriptions",
                subscribeBody(resource, "\"fee\": \"1\", \"currency\": \"USD\""));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("currency_mismatch");
    assertThat(subscriptionCount(ACME)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"billing_mode\": \"9\"",
        "\"billing_mode\": 2",
        "\"period\": \"1 month\"",
        "\"period\": \"P0D\"",
        "\"period\": \"P-1M\"",
        "\"fee\": \"-1\"",
        "\"fee\": \"0.0000001\"",
        "\"overage_cap\": \"0.00001\"",
        "\"overage_unit_price\": \"0.000000001\"",
        "\"allow_overage\": \"yes\"",
        "\"auto_renew\": 1",
        "\"currency\": \"yuan\"",
        "\"quota\": \"10\""
      })
  void refusesBadTermsAndSubscribesNothing(String extra) {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);

    Reply reply = api.asAdmin().post("/api/v1/subscriptions", subscribeBody(resource, extra));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(subscriptionCount(ACME)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"allow_overage\": true",
        "\"overage_unit_price\": \"0.005\"",
        "\"overage_cap\": \"10\"",
        "\"allow_overage\": false, \"overage_unit_price\": \"0.005\", \"overage_cap\": \"10\""
      })
  void refusesOverageTermsOnAQuotaModeSubscriptionAsSettingThemLaterDoes(String terms) {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);

    Reply subscribe = api.asAdmin().post("/api/v1/subscriptions", subscribeBody(resource, terms));
    String id =
        api.asAdmin().post("/api/v1/subscriptions", subscribeBody(resource, "")).json().path("id").asText();
    Reply setLater =
        api.asAdmin()
            .put("/api/v1/subscriptions/" + id + "/overage", "{\"allow_overage\": true, \"overage_unit_price\": \"0.005\"}");

    for (Reply reply : List.of(subscribe, setLater)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
      assertThat(reply.code()).isEqualTo("invalid_state");
    }
    assertThat(subscriptionCount(ACME)).isEqualTo(1);
    assertThat(api.asAdmin().get("/api/v1/subscriptions/" + id).json().path("overage_unit_price").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"user_id\": \"user-1\", \"user_org_id\": \"acme\", \"quota_total\": \"1\","
            + " \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_org_id\": \"acme\", \"quota_total\": \"1\","
            + " \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user-1\", \"quota_total\": \"1\","
            + " \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user-1\", \"user_org_id\": \"acme\","
            + " \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user-1\", \"user_org_id\": \"acme\","
            + " \"quota_total\": \"1\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user-1\", \"user_org_id\": \"acme\","
            + " \"quota_total\": \"-1\", \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user-1\", \"user_org_id\": \"acme\","
            + " \"quota_total\": \"1.00001\", \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user-1\", \"user_org_id\": \"acme\","
            + " \"quota_total\": \"0\", \"quota_unit\": \"token\"}",
        "{\"product_id\": \"%s\", \"user_id\": \"user 1\", \"user_org_id\": \"acme\","
            + " \"quota_total\": \"1\", \"quota_unit\": \"token\"}"
      })
  void refusesAMissingOrBadRequiredField(String template) {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);

    Reply reply =
        api.asAdmin()
            .post("/api/v1/subscriptions", template.formatted(resource.productId().value()));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(subscriptionCount(ACME)).isZero();
  }

  @Test
  void refusesASubscriptionToAProductWithoutResources() {
    Product empty =
        api.core()
            .products()
            .createProduct(
                new CreateProduct("Empty", OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));

    Reply reply =
        api.asAdmin().post("/api/v1/subscriptions", subscribeBody(empty.id().value(), ""));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.code()).isEqualTo("resource_inactive");
    assertThat(subscriptionCount(ACME)).isZero();
  }

  // read and list

  @Test
  void showsASubscriptionToItsCustomerAndToAdminAndService() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));

    for (HttpApi client : List.of(api.asAdmin(), api.asService(), api.asCustomer())) {
      Reply reply = client.get(one(subscription));

      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      assertThat(reply.json().path("id").asText()).isEqualTo(subscription.id().value());
      assertThat(reply.json().path("user_org_id").asText()).isEqualTo("acme");
    }
  }

  @Test
  void keepsACustomerOutOfAnotherOrgsSubscription() {
    Subscription theirs = subscribed(GLOBEX, aProductSoldIn(BillingMode.QUOTA));

    Reply shown = api.asCustomer().get(one(theirs));
    Reply quota = api.asCustomer().get(one(theirs) + "/quota?amount=1");

    assertThat(shown.status()).isEqualTo(403);
    assertThat(shown.code()).isEqualTo("forbidden");
    assertThat(quota.status()).isEqualTo(403);
    assertThat(quota.code()).isEqualTo("forbidden");
  }

  @Test
  void answersNotFoundForAnUnknownSubscription() {
    List<Reply> replies =
        List.of(
            api.asAdmin().get("/api/v1/subscriptions/nope"),
            api.asAdmin().post("/api/v1/subscriptions/nope/cancel", null),
            api.asAdmin().post("/api/v1/subscriptions/nope/renew", null),
            api.asAdmin().post("/api/v1/subscriptions/nope/suspend", null),
            api.asAdmin().post("/api/v1/subscriptions/nope/resume", null),
            api.asAdmin().put("/api/v1/subscriptions/nope/overage", "{\"allow_overage\": false}"),
            api.asAdmin().get("/api/v1/subscriptions/nope/quota?amount=1"));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
              assertThat(reply.code()).isEqualTo("not_found");
            });
  }

  @Test
  void listsSubscriptionsByOrgProductAndStatus() {
    ProductResource chat = aProductSoldIn(BillingMode.QUOTA);
    ProductResource search = aProductSoldIn(BillingMode.QUOTA);
    subscribed(ACME, chat);
    Subscription cancelled = subscribed(ACME, search);
    api.core().subscriptions().cancel(cancelled.id());
    subscribed(GLOBEX, chat);

    Reply all = api.asAdmin().get("/api/v1/subscriptions");
    Reply acme = api.asService().get("/api/v1/subscriptions?user_org_id=acme");
    Reply chatOnes =
        api.asAdmin().get("/api/v1/subscriptions?product_id=" + chat.productId().value());
    Reply active = api.asAdmin().get("/api/v1/subscriptions?user_org_id=acme&status=active");
    Reply paged = api.asAdmin().get("/api/v1/subscriptions?page=2&page_size=2");

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().path("total").asLong()).isEqualTo(3);
    assertThat(acme.json().path("total").asLong()).isEqualTo(2);
    assertThat(chatOnes.json().path("total").asLong()).isEqualTo(2);
    assertThat(active.json().path("total").asLong()).isEqualTo(1);
    assertThat(active.json().path("items").get(0).path("product_id").asText())
        .isEqualTo(chat.productId().value());
    assertThat(paged.json().path("items")).hasSize(1);
    assertThat(paged.json().path("page_size").asInt()).isEqualTo(2);
  }

  @Test
  void confinesACustomersListToItsOwnOrg() {
    ProductResource chat = aProductSoldIn(BillingMode.QUOTA);
    subscribed(ACME, chat);
    subscribed(GLOBEX, chat);

    Reply unfiltered = api.asCustomer().get("/api/v1/subscriptions");
    Reply own = api.asCustomer().get("/api/v1/subscriptions?user_org_id=acme");
    Reply another = api.asCustomer().get("/api/v1/subscriptions?user_org_id=globex");

    assertThat(unfiltered.status()).isEqualTo(200);
    assertThat(unfiltered.json().path("total").asLong()).isEqualTo(1);
    assertThat(unfiltered.json().path("items").get(0).path("user_org_id").asText())
        .isEqualTo("acme");
    assertThat(own.json().path("total").asLong()).isEqualTo(1);
    assertThat(another.status()).isEqualTo(403);
    assertThat(another.code()).isEqualTo("forbidden");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status=ended",
        "user_org_id=a%20b",
        "product_id=an-id-that-is-longer-than-32-characters",
        "page=-1"
      })
  void refusesABadListQuery(String query) {
    Reply reply = api.asAdmin().get("/api/v1/subscriptions?" + query);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
  }

  // lifecycle

  @Test
  void cancelsASubscriptionForGood() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));

    Reply cancelled = api.asAdmin().post(one(subscription) + "/cancel", null);
    Reply again = api.asAdmin().post(one(subscription) + "/cancel", null);
    Reply suspend = api.asAdmin().post(one(subscription) + "/suspend", null);
    Reply resume = api.asAdmin().post(one(subscription) + "/resume", null);
    Reply renew = api.asAdmin().post(one(subscription) + "/renew", null);

    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("status").asText()).isEqualTo("cancelled");
    for (Reply refused : List.of(suspend, resume, renew)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
      assertThat(refused.code()).isEqualTo("invalid_state");
    }
    assertThat(api.core().subscriptions().subscription(subscription.id()).status())
        .isEqualTo(SubscriptionStatus.CANCELLED);
  }

  @Test
  void suspendsAndResumesASubscription() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));

    Reply suspended = api.asAdmin().post(one(subscription) + "/suspend", null);
    Reply renewWhileSuspended = api.asAdmin().post(one(subscription) + "/renew", null);
    Reply resumed = api.asAdmin().post(one(subscription) + "/resume", null);

    assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
    assertThat(suspended.json().path("status").asText()).isEqualTo("suspended");
    assertThat(renewWhileSuspended.status()).isEqualTo(409);
    assertThat(renewWhileSuspended.code()).isEqualTo("invalid_state");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().path("status").asText()).isEqualTo("active");
  }

  @Test
  void renewsIntoANewPeriodAndChargesTheFee() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);
    recharge(ACME, "100");
    Subscription subscription = subscribed(ACME, resource, Optional.of(cny("10")));
    api.clock().advance(Duration.ofDays(10));

    Reply reply = api.asAdmin().post(one(subscription) + "/renew", null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("period_start").asText()).isEqualTo("2026-03-11T00:00:00Z");
    assertThat(reply.json().path("period_end").asText()).isEqualTo("2026-04-11T00:00:00Z");
    assertThat(reply.json().path("quota_used").asText()).isEqualTo("0.0000");
    assertThat(api.core().balances().balance(ACME).balance()).isEqualTo(cny("80"));
  }

  @Test
  void refusesARenewalTheCustomerCannotPay() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);
    recharge(ACME, "15");
    Subscription subscription = subscribed(ACME, resource, Optional.of(cny("10")));

    Reply reply = api.asAdmin().post(one(subscription) + "/renew", null);

    assertThat(reply.status()).isEqualTo(402);
    assertThat(reply.code()).isEqualTo("insufficient_balance");
    assertThat(api.core().balances().balance(ACME).balance()).isEqualTo(cny("5"));
    assertThat(api.core().subscriptions().subscription(subscription.id()).periodStart())
        .isEqualTo(subscription.periodStart());
  }

  @Test
  void refusesToRenewAnExpiredSubscriptionWhileAnotherIsCurrent() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA);
    Subscription expired = subscribed(ACME, resource);
    api.clock().advance(Duration.ofDays(40));
    api.core().subscriptions().processDue();
    Subscription current = subscribed(ACME, resource);

    Reply reply = api.asAdmin().post(one(expired) + "/renew", null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("subscription_exists");
    assertThat(api.core().subscriptions().subscription(expired.id()).status())
        .isEqualTo(SubscriptionStatus.EXPIRED);
    assertThat(api.core().subscriptions().subscription(current.id()).status())
        .isEqualTo(SubscriptionStatus.ACTIVE);
  }

  // overage

  @Test
  void setsOverageTerms() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA_WITH_OVERAGE));

    Reply reply =
        api.asAdmin()
            .put(
                one(subscription) + "/overage",
                "{\"allow_overage\": true, \"overage_unit_price\": \"0.003\", \"overage_cap\":"
                    + " 500}");
    Reply unlimited =
        api.asAdmin().put(one(subscription) + "/overage", "{\"allow_overage\": true}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("allow_overage").asBoolean()).isTrue();
    assertThat(reply.json().path("overage_unit_price").asText()).isEqualTo("0.00300000");
    assertThat(reply.json().path("overage_cap").asText()).isEqualTo("500.0000");
    assertThat(unlimited.status()).isEqualTo(200);
    assertThat(unlimited.json().path("overage_cap").isNull()).isTrue();
    assertThat(unlimited.json().path("overage_unit_price").isNull()).isTrue();
  }

  @Test
  void refusesOverageTermsOnAPlainQuotaSubscription() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));

    Reply reply = api.asAdmin().put(one(subscription) + "/overage", "{\"allow_overage\": true}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("invalid_state");
    assertThat(api.core().subscriptions().subscription(subscription.id()).allowOverage()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"allow_overage\": \"true\"}",
        "{\"allow_overage\": true, \"overage_cap\": \"0.00001\"}",
        "{\"allow_overage\": true, \"overage_cap\": \"-5\"}",
        "{\"allow_overage\": true, \"overage_unit_price\": \"0.000000001\"}",
        "{\"allow_overage\": true, \"overage_unit_price\": \"1\", \"currency\": \"cny\"}",
        "{\"allow_overage\": true, \"fee\": \"1\"}"
      })
  void refusesBadOverageTermsAndChangesNothing(String body) {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA_WITH_OVERAGE));

    Reply reply = api.asAdmin().put(one(subscription) + "/overage", body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(api.core().subscriptions().subscription(subscription.id()).allowOverage()).isFalse();
  }

  @Test
  void refusesAnOveragePriceInAnotherCurrency() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA_WITH_OVERAGE));

    Reply reply =
        api.asAdmin()
            .put(
                one(subscription) + "/overage",
                "{\"allow_overage\": true, \"overage_unit_price\": \"1\", \"currency\": \"USD\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("currency_mismatch");
    assertThat(api.core().subscriptions().subscription(subscription.id()).allowOverage()).isFalse();
  }

  // check_quota

  @Test
  void checksAQuotaWithoutChangingIt() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));

    Reply fits = api.asService().get(one(subscription) + "/quota?amount=400");
    Reply tooMuch = api.asCustomer().get(one(subscription) + "/quota?amount=1500");
    Reply remaining = api.asAdmin().get(one(subscription) + "/quota");

    assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
    JsonNode check = fits.json();
    assertThat(check.path("subscription_id").asText()).isEqualTo(subscription.id().value());
    assertThat(check.path("requested").asText()).isEqualTo("400.0000");
    assertThat(check.path("quota_unit").asText()).isEqualTo("token");
    assertThat(check.path("quota_total").asText()).isEqualTo("1000.0000");
    assertThat(check.path("quota_used").asText()).isEqualTo("0.0000");
    assertThat(check.path("remaining").asText()).isEqualTo("1000.0000");
    assertThat(check.path("overage_allowed").asBoolean()).isFalse();
    assertThat(check.path("overage_headroom").isNull()).isTrue();
    assertThat(check.path("accepted").asBoolean()).isTrue();
    assertThat(check.path("refusal").isNull()).isTrue();
    assertThat(tooMuch.status()).isEqualTo(200);
    assertThat(tooMuch.json().path("accepted").asBoolean()).isFalse();
    assertThat(tooMuch.json().path("refusal").asText()).contains("quota");
    assertThat(remaining.json().path("requested").asText()).isEqualTo("0.0000");
    assertThat(remaining.json().path("accepted").asBoolean()).isTrue();
    assertThat(api.core().subscriptions().subscription(subscription.id()).quotaUsed().isZero())
        .isTrue();
  }

  @Test
  void checksOverageHeadroom() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA_WITH_OVERAGE);
    Subscription subscription =
        api.core()
            .subscriptions()
            .subscribe(
                new Subscribe(
                    resource.productId(),
                    USER,
                    ACME,
                    Optional.empty(),
                    Quantity.of(1000, Unit.TOKEN),
                    Period.ofMonths(1),
                    true,
                    Optional.empty(),
                    Optional.of(Quantity.of(500, Unit.TOKEN)),
                    false,
                    Optional.empty()));

    Reply within = api.asCustomer().get(one(subscription) + "/quota?amount=1400");
    Reply beyond = api.asCustomer().get(one(subscription) + "/quota?amount=1500.5");

    assertThat(within.status()).isEqualTo(200);
    assertThat(within.json().path("overage_allowed").asBoolean()).isTrue();
    assertThat(within.json().path("overage_headroom").asText()).isEqualTo("500.0000");
    assertThat(within.json().path("accepted").asBoolean()).isTrue();
    assertThat(beyond.json().path("accepted").asBoolean()).isFalse();
    assertThat(beyond.json().path("refusal").asText()).contains("cap");
  }

  @ParameterizedTest
  @ValueSource(strings = {"amount=abc", "amount=-1", "amount=0.00001", "amount=1e3"})
  void refusesABadQuotaAmount(String query) {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));

    Reply reply = api.asAdmin().get(one(subscription) + "/quota?" + query);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
  }

  // roles

  @Test
  void keepsCustomersAndServicesOffTheAdminRoutes() {
    ProductResource resource = aProductSoldIn(BillingMode.QUOTA_WITH_OVERAGE);
    Subscription subscription = subscribed(ACME, resource);

    for (HttpApi client : List.of(api.asCustomer(), api.asService())) {
      List<Reply> replies =
          List.of(
              client.post(
                  "/api/v1/subscriptions", subscribeBody(aProductSoldIn(BillingMode.QUOTA), "")),
              client.post(one(subscription) + "/cancel", null),
              client.post(one(subscription) + "/renew", null),
              client.post(one(subscription) + "/suspend", null),
              client.post(one(subscription) + "/resume", null),
              client.put(one(subscription) + "/overage", "{\"allow_overage\": true}"));

      assertThat(replies)
          .allSatisfy(
              reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
                assertThat(reply.code()).isEqualTo("forbidden");
              });
    }
    Subscription stored = api.core().subscriptions().subscription(subscription.id());
    assertThat(stored.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(stored.allowOverage()).isFalse();
    assertThat(subscriptionCount(ACME)).isEqualTo(1);
  }

  @Test
  void keepsACustomerOfAnotherOrgOutOfAcmesSubscription() {
    Subscription acmes = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));
    HttpApi globex =
        api.anonymous()
            .with("Authorization", "Bearer " + api.newKey(Role.CUSTOMER, Optional.of(GLOBEX)));

    Reply shown = globex.get(one(acmes));
    Reply listed = globex.get("/api/v1/subscriptions?user_org_id=acme");
    Reply own = globex.get("/api/v1/subscriptions");

    assertThat(shown.status()).isEqualTo(403);
    assertThat(listed.status()).isEqualTo(403);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("total").asLong()).isZero();
  }

  @Test
  void asksForCredentialsOnEveryRoute() {
    Subscription subscription = subscribed(ACME, aProductSoldIn(BillingMode.QUOTA));
    HttpApi anonymous = api.anonymous();

    List<Reply> replies =
        List.of(
            anonymous.post("/api/v1/subscriptions", "{}"),
            anonymous.get("/api/v1/subscriptions"),
            anonymous.get(one(subscription)),
            anonymous.post(one(subscription) + "/cancel", null),
            anonymous.post(one(subscription) + "/renew", null),
            anonymous.post(one(subscription) + "/suspend", null),
            anonymous.post(one(subscription) + "/resume", null),
            anonymous.put(one(subscription) + "/overage", "{\"allow_overage\": true}"),
            anonymous.get(one(subscription) + "/quota?amount=1"));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
              assertThat(reply.code()).isEqualTo("unauthorized");
            });
    assertThat(api.core().subscriptions().subscription(subscription.id()).status())
        .isEqualTo(SubscriptionStatus.ACTIVE);
  }

  // helpers

  private ProductResource aProductSoldIn(BillingMode mode) {
    Product product =
        api.core()
            .products()
            .createProduct(
                new CreateProduct(
                    "Chat " + mode.code(), OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));
    return api.core()
        .products()
        .bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "model-1",
                mode,
                Unit.TOKEN,
                Optional.of(UnitPrice.of("0.002", Currency.CNY)),
                Optional.empty(),
                Optional.empty()));
  }

  private Subscription subscribed(OrgId org, ProductResource resource) {
    return subscribed(org, resource, Optional.empty());
  }

  private Subscription subscribed(OrgId org, ProductResource resource, Optional<Money> fee) {
    return api.core()
        .subscriptions()
        .subscribe(
            new Subscribe(
                resource.productId(),
                USER,
                org,
                Optional.empty(),
                Quantity.of(1000, Unit.TOKEN),
                Period.ofMonths(1),
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                fee));
  }

  private void recharge(OrgId org, String amount) {
    api.core().balances().recharge(new Recharge(org, cny(amount), Optional.empty(), "test"));
  }

  private long subscriptionCount(OrgId org) {
    return api.core()
        .subscriptions()
        .subscriptions(
            new SubscriptionQuery(Optional.of(org), Optional.empty(), Optional.empty()),
            PageRequest.firstPage())
        .total();
  }

  private static Money cny(String amount) {
    return Money.of(amount, Currency.CNY);
  }

  private static String one(Subscription subscription) {
    return "/api/v1/subscriptions/" + subscription.id().value();
  }

  private static String subscribeBody(ProductResource resource, String extra) {
    return subscribeBody(resource.productId().value(), extra);
  }

  /** A subscription of acme to {@code productId}: 1000 tokens, plus the {@code extra} fields. */
  private static String subscribeBody(String productId, String extra) {
    return "{\"product_id\": \""
        + productId
        + "\", \"user_id\": \"user-1\","
        + " \"user_org_id\": \"acme\", \"quota_total\": \"1000\", \"quota_unit\": \"token\""
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
  }
}
