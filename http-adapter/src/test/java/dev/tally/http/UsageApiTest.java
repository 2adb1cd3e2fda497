package dev.tally.http;

import static dev.tally.http.MeteringSetup.json;
import static dev.tally.http.MeteringSetup.use;
import static dev.tally.http.MeteringSetup.useJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.auth.Role;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.UsageQuery;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsageApiTest {
  private static final String USAGE = "/api/v1/usage";
  private static final List<String> COST_FIELDS =
      List.of("supplier_org_id", "unit_cost", "total_cost", "cost_currency");

  @RegisterExtension final ApiServer api = new ApiServer();

  private MeteringSetup setup;
  private ProductResource llm;

  @BeforeEach
  void catalogue() {
    setup = new MeteringSetup(api.core());
    llm = setup.payPerUse("0.002", "0.001");
    setup.recharged("acme", "10");
  }

  // ---------------------------------------------------------------------------------------------
  // POST /usage

  @Test
  void recordsAUseAndAnswers201WithWhatItCostAndWhatWasCharged() {
    Reply reply = api.asService().post(USAGE, useJson(llm, "acme", "1000", "req-1"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode usage = reply.json();
    assertThat(usage.path("replayed").asBoolean()).isFalse();
    assertThat(usage.path("id").asText()).isNotEmpty();
    assertThat(usage.path("product_id").asText()).isEqualTo(llm.productId().value());
    assertThat(usage.path("product_resource_id").asText()).isEqualTo(llm.id().value());
    assertThat(usage.path("resource_type").asText()).isEqualTo("llm");
    assertThat(usage.path("user_org_id").asText()).isEqualTo("acme");
    assertThat(usage.path("used_amount").asText()).isEqualTo("1000.0000");
    assertThat(usage.path("used_unit").asText()).isEqualTo("token");
    assertThat(usage.path("sell_price").asText()).isEqualTo("2.000000");
    assertThat(usage.path("currency").asText()).isEqualTo("CNY");
    assertThat(usage.path("billing_mode").asText()).isEqualTo("1");
    assertThat(usage.path("in_quota_amount").asText()).isEqualTo("0.0000");
    assertThat(usage.path("source_ref_table").asText()).isEqualTo("llm_request");
    assertThat(usage.path("source_ref_id").asText()).isEqualTo("req-1");
    assertThat(usage.path("use_time").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(usage.path("biz_date").asText()).isEqualTo("2026-03-01");
    assertThat(usage.path("supplier_org_id").asText()).isEqualTo("supplier-1");
    assertThat(usage.path("unit_cost").asText()).isEqualTo("0.00100000");
    assertThat(usage.path("total_cost").asText()).isEqualTo("1.000000");
    assertThat(usage.path("cost_currency").asText()).isEqualTo("CNY");
    assertThat(usage.has("subscription_id")).isTrue();
    assertThat(usage.path("subscription_id").isNull()).isTrue();
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("8");
  }

  @Test
  void takesTheUsageMapAttributesSupplierAndUseTime() {
    Map<String, Object> body = use(llm, "acme", "10", "req-full");
    body.put("resource_type", "llm");
    body.put("product_resource_id", llm.id().value());
    body.put("usage", Map.of("token", 10));
    body.put("attributes", Map.of("model", "m-1"));
    body.put("supplier_org_id", "supplier-1");
    body.put("use_time", "2026-02-28T23:00:00Z");

    Reply reply = api.asAdmin().post(USAGE, json(body));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().path("use_time").asText()).isEqualTo("2026-02-28T23:00:00Z");
    assertThat(reply.json().path("sell_price").asText()).isEqualTo("0.020000");
  }

  @Test
  void replaysTheSameUseWith200AndTheSameUsageChargingOnce() {
    String body = useJson(llm, "acme", "1000", "req-1");
    Reply first = api.asService().post(USAGE, body);

    Reply again = api.asService().post(USAGE, body);

    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("replayed").asBoolean()).isTrue();
    assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(again.json().path("sell_price").asText()).isEqualTo("2.000000");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("8");
    assertThat(usageCount()).isEqualTo(1);
    assertThat(api.core().ledger().verify().isClean()).isTrue();
  }

  @Test
  void refusesAnotherUseUnderTheSameSourceRefWith409() {
    api.asService().post(USAGE, useJson(llm, "acme", "1000", "req-1"));

    Reply reply = api.asService().post(USAGE, useJson(llm, "acme", "999", "req-1"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("idempotency_conflict");
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("8");
    assertThat(usageCount()).isEqualTo(1);
  }

  @Test
  void refusesAUseTheBalanceCannotCoverWith402AndJudgesARetryAfresh() {
    String body = useJson(llm, "acme", "6000", "req-big");

    Reply refused = api.asService().post(USAGE, body);

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.code()).isEqualTo("insufficient_balance");
    assertThat(usageCount()).isZero();
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");

    setup.recharged("acme", "5");
    Reply retried = api.asService().post(USAGE, body);
    assertThat(retried.status()).isEqualTo(201);
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("3");
  }

  @Test
  void refusesAUseBeyondTheQuotaWith409() {
    ProductResource quota = setup.soldIn(BillingMode.QUOTA, "0.002", "0.001");
    setup.subscribed("acme", quota, "100");

    Reply reply = api.asService().post(USAGE, useJson(quota, "acme", "101", "req-q"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("quota_exceeded");
    Reply within = api.asService().post(USAGE, useJson(quota, "acme", "100", "req-q2"));
    assertThat(within.status()).isEqualTo(201);
    assertThat(within.json().path("in_quota_amount").asText()).isEqualTo("100.0000");
    assertThat(within.json().path("sell_price").asText()).isEqualTo("0.000000");
    assertThat(within.json().path("subscription_id").asText()).isNotEmpty();
  }

  @Test
  void refusesAUseOfASuspendedCustomerWith423() {
    api.core().balances().suspend(OrgId.of("acme"));

    Reply reply = api.asService().post(USAGE, useJson(llm, "acme", "1", "req-s"));

    assertThat(reply.status()).isEqualTo(423);
    assertThat(reply.code()).isEqualTo("customer_suspended");
    assertThat(usageCount()).isZero();
  }

  @Test
  void refusesAUseOfAQuotaResourceWithoutASubscriptionWith422() {
    ProductResource quota = setup.soldIn(BillingMode.QUOTA, "0.002", "0.001");

    Reply reply = api.asService().post(USAGE, useJson(quota, "acme", "1", "req-n"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.code()).isEqualTo("no_subscription");
  }

  @Test
  void answers404ForAnUnknownProductAnd402ForACustomerWithoutABalance() {
    Map<String, Object> unknown = use(llm, "acme", "1", "req-u");
    unknown.put("product_id", "no-such-product");

    Reply notFound = api.asService().post(USAGE, json(unknown));
    Reply noBalance = api.asService().post(USAGE, useJson(llm, "globex", "1", "req-g"));

    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.code()).isEqualTo("not_found");
    assertThat(noBalance.status()).isEqualTo(402);
    assertThat(noBalance.code()).isEqualTo("insufficient_balance");
  }

  @Test
  void refusesBadInputWith400AndRecordsNothing() {
    Map<String, Object> overScaled = use(llm, "acme", "1.00001", "r1");
    Map<String, Object> negative = use(llm, "acme", "-1", "r2");
    Map<String, Object> zero = use(llm, "acme", "0", "r3");
    Map<String, Object> missing = use(llm, "acme", "1", "r4");
    missing.remove("used_amount");
    Map<String, Object> unknownField = use(llm, "acme", "1", "r5");
    unknownField.put("price", "1");
    Map<String, Object> badTime = use(llm, "acme", "1", "r6");
    badTime.put("use_time", "yesterday");
    Map<String, Object> badType = use(llm, "acme", "1", "r7");
    badType.put("resource_type", "teleport");
    Map<String, Object> noProduct = use(llm, "acme", "1", "r8");
    noProduct.remove("product_id");
    Map<String, Object> badUsage = use(llm, "acme", "1", "r9");
    badUsage.put("usage", List.of(1200, 300));
    Map<String, Object> negativeUsage = use(llm, "acme", "1", "r10");
    negativeUsage.put("usage", Map.of("prompt_tokens_details", Map.of("cached_tokens", -5)));
    Map<String, Object> badAttribute = use(llm, "acme", "1", "r11");
    badAttribute.put("attributes", Map.of("model", List.of("gpt-4o")));
    Map<String, Object> badRef = use(llm, "acme", "1", "not a ref!");
    List<String> bodies =
        new ArrayList<>(
            List.of(
                json(overScaled),
                json(negative),
                json(zero),
                json(missing),
                json(unknownField),
                json(badTime),
                json(badType),
                json(noProduct),
                json(badUsage),
                json(negativeUsage),
                json(badAttribute),
                json(badRef)));
    bodies.add("{not json");
    bodies.add("[1, 2]");
    bodies.add("");

    for (String body : bodies) {
      Reply reply = api.asService().post(USAGE, body);
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
      assertThat(reply.contentType()).startsWith("application/problem+json");
    }
    assertThat(usageCount()).isZero();
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");
  }

  @Test
  void namesTheFieldThatIsWrong() {
    Map<String, Object> missing = use(llm, "acme", "1", "r1");
    missing.remove("source_ref_id");

    Reply reply = api.asService().post(USAGE, json(missing));

    assertThat(reply.json().path("detail").asText()).contains("source_ref_id");
  }

  @Test
  void letsOnlyServiceAndAdminRecordUses() {
    String body = useJson(llm, "acme", "1", "req-r");

    assertThat(api.asCustomer().post(USAGE, body).status()).isEqualTo(403);
    assertThat(api.asCustomer().post(USAGE, body).code()).isEqualTo("forbidden");
    assertThat(api.anonymous().post(USAGE, body).status()).isEqualTo(401);
    assertThat(api.anonymous().post(USAGE, body).code()).isEqualTo("unauthorized");
    assertThat(usageCount()).isZero();
  }

  @Test
  void countsProductUseOutcomesByCodeForMetrics() {
    String body = useJson(llm, "acme", "1000", "req-m");
    api.asService().post(USAGE, body);
    api.asService().post(USAGE, body);
    api.asService().post(USAGE, useJson(llm, "acme", "999999", "req-m2"));
    api.asService().post(USAGE, "{}");

    String metrics = api.asAdmin().get("/api/v1/metrics").body();

    assertThat(outcomeCount(metrics, "accepted")).isEqualTo(1.0);
    assertThat(outcomeCount(metrics, "replayed")).isEqualTo(1.0);
    assertThat(outcomeCount(metrics, "insufficient_balance")).isEqualTo(1.0);
    assertThat(outcomeCount(metrics, "validation_failed")).isEqualTo(1.0);
  }

  private static double outcomeCount(String metrics, String code) {
    Matcher matcher =
        Pattern.compile(
                "(?m)^tally_usage_outcomes_total\\{[^}]*code=\"" + code + "\"[^}]*\\} (\\S+)")
            .matcher(metrics);
    assertThat(matcher.find()).as("no outcome " + code + " in\n" + metrics).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  // ---------------------------------------------------------------------------------------------
  // GET /usage

  @Test
  void listsTheUsageLogNewestFirstWithCostsForAdmins() {
    api.asService().post(USAGE, useJson(llm, "acme", "1", "req-1"));
    api.clock().advance(java.time.Duration.ofMinutes(1));
    api.asService().post(USAGE, useJson(llm, "acme", "2", "req-2"));
    api.clock().advance(java.time.Duration.ofMinutes(1));
    api.asService().post(USAGE, useJson(llm, "acme", "3", "req-3"));

    Reply reply = api.asAdmin().get(USAGE + "?user_org_id=acme&page=1&page_size=2");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode page = reply.json();
    assertThat(page.path("total").asLong()).isEqualTo(3);
    assertThat(page.path("page").asInt()).isEqualTo(1);
    assertThat(page.path("page_size").asInt()).isEqualTo(2);
    assertThat(page.path("items")).hasSize(2);
    assertThat(page.path("items").get(0).path("source_ref_id").asText()).isEqualTo("req-3");
    assertThat(page.path("items").get(1).path("source_ref_id").asText()).isEqualTo("req-2");
    for (String field : COST_FIELDS) {
      assertThat(page.path("items").get(0).has(field)).as(field).isTrue();
    }
    assertThat(page.path("items").get(0).has("replayed")).isFalse();
    Reply second = api.asService().get(USAGE + "?page=2&page_size=2");
    assertThat(second.json().path("items").get(0).path("source_ref_id").asText())
        .isEqualTo("req-1");
  }

  @Test
  void filtersTheUsageLog() {
    ProductResource other = setup.payPerUse("0.001", "0.0005");
    api.asService().post(USAGE, useJson(llm, "acme", "1", "req-1"));
    api.clock().advance(java.time.Duration.ofHours(1));
    api.asService().post(USAGE, useJson(other, "acme", "1", "req-2"));

    Reply byProduct = api.asAdmin().get(USAGE + "?product_id=" + other.productId().value());
    Reply byTime = api.asAdmin().get(USAGE + "?from=2026-03-01T00:30:00Z&to=2026-03-02T00:00:00Z");
    Reply bySupplier = api.asAdmin().get(USAGE + "?supplier_org_id=supplier-1");
    Reply byUser = api.asAdmin().get(USAGE + "?user_id=someone-else");

    assertThat(byProduct.json().path("total").asLong()).isEqualTo(1);
    assertThat(byTime.json().path("items").get(0).path("source_ref_id").asText())
        .isEqualTo("req-2");
    assertThat(byTime.json().path("total").asLong()).isEqualTo(1);
    assertThat(bySupplier.json().path("total").asLong()).isEqualTo(2);
    assertThat(byUser.json().path("total").asLong()).isZero();
  }

  @Test
  void showsACustomerOnlyItsOwnUsageWithoutSupplierCosts() {
    setup.recharged("globex", "10");
    api.asService().post(USAGE, useJson(llm, "acme", "1", "req-a"));
    api.asService().post(USAGE, useJson(llm, "globex", "1", "req-g"));

    Reply own = api.asCustomer().get(USAGE);
    Reply ownNamed = api.asCustomer().get(USAGE + "?user_org_id=acme");

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("total").asLong()).isEqualTo(1);
    JsonNode item = own.json().path("items").get(0);
    assertThat(item.path("user_org_id").asText()).isEqualTo("acme");
    assertThat(item.path("sell_price").asText()).isEqualTo("0.002000");
    for (String field : COST_FIELDS) {
      assertThat(item.has(field)).as(field).isFalse();
    }
    assertThat(own.body()).doesNotContain("supplier-1").doesNotContain("cost");
    assertThat(ownNamed.json().path("total").asLong()).isEqualTo(1);
  }

  @Test
  void refusesACustomerAnotherOrgsUsageOrASupplierFilter() {
    Reply otherOrg = api.asCustomer().get(USAGE + "?user_org_id=globex");
    Reply supplier = api.asCustomer().get(USAGE + "?supplier_org_id=supplier-1");

    assertThat(otherOrg.status()).isEqualTo(403);
    assertThat(otherOrg.code()).isEqualTo("forbidden");
    assertThat(supplier.status()).isEqualTo(403);
    assertThat(supplier.code()).isEqualTo("forbidden");
    assertThat(api.anonymous().get(USAGE).status()).isEqualTo(401);
  }

  @Test
  void refusesBadListParametersWith400() {
    for (String query :
        List.of(
            "?from=yesterday",
            "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
            "?page=0",
            "?page_size=1001",
            "?page=x",
            "?user_org_id=bad%20org")) {
      Reply reply = api.asAdmin().get(USAGE + query);
      assertThat(reply.status()).as(query + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // POST /usage/{id}/refund

  @Test
  void refundsPartOfAChargeAsARefundTransaction() {
    String id =
        api.asService()
            .post(USAGE, useJson(llm, "acme", "1000", "req-1"))
            .json()
            .path("id")
            .asText();

    Reply reply =
        api.asAdmin()
            .post(
                USAGE + "/" + id + "/refund", "{\"amount\": \"0.5\", \"reason\": \"slow answer\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode tx = reply.json();
    assertThat(tx.path("operation").asText()).isEqualTo("REFUND");
    assertThat(tx.path("reference_type").asText()).isEqualTo("usage");
    assertThat(tx.path("reference_id").asText()).isEqualTo(id);
    assertThat(tx.path("transaction_id").asText()).isNotEmpty();
    assertThat(tx.path("legs")).hasSize(2);
    JsonNode customerLeg = null;
    for (JsonNode leg : tx.path("legs")) {
      if (leg.path("account").asText().equals("customer:acme")) {
        customerLeg = leg;
      }
    }
    assertThat(customerLeg).isNotNull();
    assertThat(customerLeg.path("amount").asText()).isEqualTo("0.500000");
    assertThat(customerLeg.path("balance_after").asText()).isEqualTo("8.500000");
    assertThat(customerLeg.path("memo").asText()).isEqualTo("slow answer");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("8.5");
    assertThat(api.core().ledger().verify().isClean()).isTrue();
  }

  @Test
  void refusesARefundBeyondTheChargeOrOfAnUnknownUse() {
    String id =
        api.asService()
            .post(USAGE, useJson(llm, "acme", "1000", "req-1"))
            .json()
            .path("id")
            .asText();

    Reply tooMuch =
        api.asAdmin()
            .post(USAGE + "/" + id + "/refund", "{\"amount\": \"2.0001\", \"reason\": \"x\"}");
    Reply unknown =
        api.asAdmin().post(USAGE + "/nope/refund", "{\"amount\": \"1\", \"reason\": \"x\"}");

    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.code()).isEqualTo("validation_failed");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("not_found");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("8");
  }

  @Test
  void refusesBadRefundsWith400AndLetsOnlyAdminsRefund() {
    String id =
        api.asService()
            .post(USAGE, useJson(llm, "acme", "1000", "req-1"))
            .json()
            .path("id")
            .asText();
    String path = USAGE + "/" + id + "/refund";

    for (String body :
        List.of(
            "{\"amount\": \"-1\", \"reason\": \"x\"}",
            "{\"amount\": \"0\", \"reason\": \"x\"}",
            "{\"amount\": \"0.0000001\", \"reason\": \"x\"}",
            "{\"amount\": \"1\", \"reason\": \" \"}",
            "{\"amount\": \"1\"}",
            "{\"reason\": \"x\"}",
            "{\"amount\": \"1\", \"reason\": \"x\", \"extra\": 1}",
            "{\"amount\": \"ten\", \"reason\": \"x\"}")) {
      Reply reply = api.asAdmin().post(path, body);
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    String good = "{\"amount\": \"1\", \"reason\": \"x\"}";
    assertThat(api.asService().post(path, good).status()).isEqualTo(403);
    assertThat(api.asCustomer().post(path, good).status()).isEqualTo(403);
    assertThat(api.anonymous().post(path, good).status()).isEqualTo(401);
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("8");
  }

  // ---------------------------------------------------------------------------------------------
  // POST /usage/batch

  @Test
  void answersEachItemOfABatchInOrderWithItsOwnOutcome() {
    ProductResource quota = setup.soldIn(BillingMode.QUOTA, "0.002", "0.001");
    Map<String, Object> replay = use(llm, "acme", "1000", "req-0");
    Map<String, Object> unparseable = use(llm, "acme", "1", "req-3");
    unparseable.put("used_amount", "lots");
    List<Object> items =
        List.of(
            use(llm, "acme", "1000", "req-0"),
            replay,
            use(llm, "acme", "5000", "req-2"),
            unparseable,
            use(llm, "acme", "7", "req-0"),
            use(quota, "acme", "1", "req-5"),
            42,
            use(llm, "acme", "500", "req-7"));

    Reply reply = api.asService().post(USAGE + "/batch", json(Map.of("items", items)));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode results = reply.json().path("results");
    assertThat(results).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
    }
    assertThat(results.get(0).path("status").asInt()).isEqualTo(201);
    assertThat(results.get(0).path("usage").path("sell_price").asText()).isEqualTo("2.000000");
    assertThat(results.get(0).path("usage").path("total_cost").asText()).isEqualTo("1.000000");
    assertThat(results.get(0).has("code")).isFalse();
    assertThat(results.get(1).path("status").asInt()).isEqualTo(200);
    assertThat(results.get(1).path("usage").path("replayed").asBoolean()).isTrue();
    assertThat(results.get(1).path("usage").path("id").asText())
        .isEqualTo(results.get(0).path("usage").path("id").asText());
    assertRefused(results.get(2), 402, "insufficient_balance");
    assertRefused(results.get(3), 400, "validation_failed");
    assertThat(results.get(3).path("detail").asText()).contains("items[3]").contains("used_amount");
    assertRefused(results.get(4), 409, "idempotency_conflict");
    assertRefused(results.get(5), 422, "no_subscription");
    assertRefused(results.get(6), 400, "validation_failed");
    assertThat(results.get(7).path("status").asInt()).isEqualTo(201);
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("7");
    assertThat(usageCount()).isEqualTo(2);
    assertThat(api.core().ledger().verify().isClean()).isTrue();
  }

  @Test
  void givesABatchItemTheStatusASingleUseWouldGet() {
    ProductResource quota = setup.soldIn(BillingMode.QUOTA, "0.002", "0.001");
    api.asService().post(USAGE, useJson(llm, "acme", "1", "taken"));
    List<Map<String, Object>> refusals =
        List.of(
            use(llm, "acme", "5000000", "r-402"),
            use(llm, "acme", "2", "taken"),
            use(quota, "acme", "1", "r-422"));

    for (Map<String, Object> item : refusals) {
      Reply single = api.asService().post(USAGE, json(item));
      JsonNode batched =
          api.asService()
              .post(USAGE + "/batch", json(Map.of("items", List.of(item))))
              .json()
              .path("results")
              .get(0);
      assertThat(batched.path("status").asInt()).as(item.toString()).isEqualTo(single.status());
      assertThat(batched.path("code").asText()).isEqualTo(single.code());
      assertThat(batched.path("status").asInt())
          .isEqualTo(
              Problems.status(ErrorCode.valueOf(single.code().toUpperCase(java.util.Locale.ROOT))));
    }
  }

  @Test
  void refusesABatchOfMoreThanAThousandUsesAsAWhole() {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      items.add(use(llm, "acme", "1", "req-" + i));
    }

    Reply reply = api.asService().post(USAGE + "/batch", json(Map.of("items", items)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(reply.json().path("detail").asText()).contains("1000");
    assertThat(usageCount()).isZero();
  }

  @Test
  void acceptsABatchOfExactlyAThousandUses() {
    setup.recharged("acme", "1000");
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(use(llm, "acme", "1", "req-" + i));
    }

    Reply reply = api.asService().post(USAGE + "/batch", json(Map.of("items", items)));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("results")).hasSize(1000);
    assertThat(usageCount()).isEqualTo(1000);
  }

  @Test
  void refusesAMalformedBatchWith400() {
    for (String body :
        List.of("{not json", "{}", "{\"items\": 3}", "{\"items\": [], \"more\": 1}", "\"items\"")) {
      Reply reply = api.asService().post(USAGE + "/batch", body);
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    Reply empty = api.asService().post(USAGE + "/batch", "{\"items\": []}");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().path("results")).isEmpty();
  }

  @Test
  void letsOnlyServiceAndAdminSendBatches() {
    String body = json(Map.of("items", List.of(use(llm, "acme", "1", "req-1"))));

    assertThat(api.asCustomer().post(USAGE + "/batch", body).status()).isEqualTo(403);
    assertThat(api.anonymous().post(USAGE + "/batch", body).status()).isEqualTo(401);
    assertThat(api.asAdmin().post(USAGE + "/batch", body).status()).isEqualTo(200);
    assertThat(usageCount()).isEqualTo(1);
  }

  @Test
  void aCustomerOfAnotherOrgCannotReadUsageEvenWithItsOwnKey() {
    HttpApi globex =
        api.asAdmin()
            .withoutCredentials()
            .with(
                "Authorization",
                "Bearer " + api.newKey(Role.CUSTOMER, Optional.of(OrgId.of("globex"))));
    api.asService().post(USAGE, useJson(llm, "acme", "1", "req-1"));

    assertThat(globex.get(USAGE + "?user_org_id=acme").status()).isEqualTo(403);
    assertThat(globex.get(USAGE).json().path("total").asLong()).isZero();
  }

  private static void assertRefused(JsonNode result, int status, String code) {
    assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(status);
    assertThat(result.path("code").asText()).isEqualTo(code);
    assertThat(result.path("detail").asText()).isNotEmpty();
    assertThat(result.has("usage")).isFalse();
  }

  private long usageCount() {
    return api.core().metering().usage(UsageQuery.ALL, PageRequest.first(1)).total();
  }
}
