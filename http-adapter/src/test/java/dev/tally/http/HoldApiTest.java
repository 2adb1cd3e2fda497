package dev.tally.http;

import static dev.tally.http.MeteringSetup.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.auth.Role;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import dev.tally.http.testing.HttpApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HoldApiTest {
  private static final String HOLDS = "/api/v1/holds";

  @RegisterExtension final ApiServer api = new ApiServer();

  private MeteringSetup setup;
  private ProductResource llm;

  @BeforeEach
  void customer() {
    setup = new MeteringSetup(api.core());
    llm = setup.payPerUse("0.002", "0.001");
    setup.recharged("acme", "10");
  }

  private Map<String, Object> hold(String org, String amount) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_org_id", org);
    body.put("user_id", "user-1");
    body.put("product_id", llm.productId().value());
    body.put("amount", amount);
    body.put("ttl_seconds", 600);
    return body;
  }

  private String reserved(String amount) {
    Reply reply = api.asService().post(HOLDS, json(hold("acme", amount)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().path("id").asText();
  }

  @Test
  void reservesAnAmountWith201AndLowersWhatIsAvailable() {
    Reply reply = api.asService().post(HOLDS, json(hold("acme", "4")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode hold = reply.json();
    assertThat(hold.path("id").asText()).isNotEmpty();
    assertThat(hold.path("user_org_id").asText()).isEqualTo("acme");
    assertThat(hold.path("user_id").asText()).isEqualTo("user-1");
    assertThat(hold.path("product_id").asText()).isEqualTo(llm.productId().value());
    assertThat(hold.path("amount").asText()).isEqualTo("4.000000");
    assertThat(hold.path("currency").asText()).isEqualTo("CNY");
    assertThat(hold.path("status").asText()).isEqualTo("held");
    assertThat(hold.path("settled_amount").isNull()).isTrue();
    assertThat(hold.path("created_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(hold.path("expires_at").asText()).isEqualTo("2026-03-01T00:10:00Z");
    assertThat(hold.path("closed_at").isNull()).isTrue();
    assertThat(setup.balance("acme").available().amount()).isEqualByComparingTo("6");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");
  }

  @Test
  void holdsInTheCustomersOwnCurrencyWhenTheBodyNamesNone() {
    api.core()
        .balances()
        .recharge(
            new Recharge(
                OrgId.of("euro-org"),
                Money.of("10", Currency.of("EUR")),
                Optional.empty(),
                ""));

    Reply reply = api.asService().post(HOLDS, json(hold("euro-org", "4")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().path("currency").asText()).isEqualTo("EUR");
  }

  @Test
  void settlesTheActualAmountAndReleasesTheRest() {
    String id = reserved("4");

    Reply reply = api.asService().post(HOLDS + "/" + id + "/settle", "{\"amount\": \"2.5\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("settled");
    assertThat(reply.json().path("settled_amount").asText()).isEqualTo("2.500000");
    assertThat(reply.json().path("closed_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("7.5");
    assertThat(setup.balance("acme").available().amount()).isEqualByComparingTo("7.5");
    assertThat(api.core().ledger().verify().isClean()).isTrue();
  }

  @Test
  void voidsAHoldReleasingItAll() {
    String id = reserved("4");

    Reply reply = api.asAdmin().post(HOLDS + "/" + id + "/void", null);
    Reply withEmptyObject = api.asAdmin().post(HOLDS + "/" + reserved("1") + "/void", "{}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("voided");
    assertThat(withEmptyObject.status()).isEqualTo(200);
    assertThat(setup.balance("acme").available().amount()).isEqualByComparingTo("10");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");
  }

  @Test
  void showsAHoldToServiceAdminAndItsOwnCustomer() {
    String id = reserved("4");

    assertThat(api.asService().get(HOLDS + "/" + id).status()).isEqualTo(200);
    assertThat(api.asAdmin().get(HOLDS + "/" + id).json().path("amount").asText())
        .isEqualTo("4.000000");
    Reply own = api.asCustomer().get(HOLDS + "/" + id);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("status").asText()).isEqualTo("held");
  }

  @Test
  void keepsAnotherOrgsCustomerOutOfAHold() {
    String id = reserved("4");
    HttpApi globex =
        api.anonymous()
            .with(
                "Authorization",
                "Bearer " + api.newKey(Role.CUSTOMER, Optional.of(OrgId.of("globex"))));

    Reply reply = globex.get(HOLDS + "/" + id);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("forbidden");
  }

  @Test
  void refusesToSettleAnExpiredHoldWith409() {
    String id = reserved("4");
    api.clock().advance(Duration.ofMinutes(11));

    Reply reply = api.asService().post(HOLDS + "/" + id + "/settle", "{\"amount\": \"1\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("hold_expired");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");
  }

  @Test
  void refusesToCloseAClosedHoldTwiceWith409() {
    String id = reserved("4");
    api.asService().post(HOLDS + "/" + id + "/settle", "{\"amount\": \"1\"}");

    Reply settleAgain = api.asService().post(HOLDS + "/" + id + "/settle", "{\"amount\": \"1\"}");
    Reply voidAfter = api.asService().post(HOLDS + "/" + id + "/void", null);

    assertThat(settleAgain.status()).isEqualTo(409);
    assertThat(settleAgain.code()).isEqualTo("hold_not_active");
    assertThat(voidAfter.status()).isEqualTo(409);
    assertThat(voidAfter.code()).isEqualTo("hold_not_active");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("9");
  }

  @Test
  void answers404ForAnUnknownHoldOrProduct() {
    Map<String, Object> unknownProduct = hold("acme", "1");
    unknownProduct.put("product_id", "nope");

    assertThat(api.asService().get(HOLDS + "/nope").code()).isEqualTo("not_found");
    assertThat(api.asService().get(HOLDS + "/nope").status()).isEqualTo(404);
    assertThat(api.asService().post(HOLDS + "/nope/settle", "{\"amount\": \"1\"}").status())
        .isEqualTo(404);
    assertThat(api.asService().post(HOLDS + "/nope/void", null).status()).isEqualTo(404);
    assertThat(api.asService().post(HOLDS, json(unknownProduct)).status()).isEqualTo(404);
  }

  @Test
  void refusesAHoldTheBalanceCannotCoverWith402() {
    Reply tooMuch = api.asService().post(HOLDS, json(hold("acme", "10.000001")));
    Reply noBalance = api.asService().post(HOLDS, json(hold("globex", "1")));

    assertThat(tooMuch.status()).isEqualTo(402);
    assertThat(tooMuch.code()).isEqualTo("insufficient_balance");
    assertThat(noBalance.status()).isEqualTo(402);
    assertThat(setup.balance("acme").available().amount()).isEqualByComparingTo("10");
  }

  @Test
  void refusesAHoldForASuspendedCustomerWith423() {
    api.core().balances().suspend(OrgId.of("acme"));

    Reply reply = api.asService().post(HOLDS, json(hold("acme", "1")));

    assertThat(reply.status()).isEqualTo(423);
    assertThat(reply.code()).isEqualTo("customer_suspended");
  }

  @Test
  void refusesAHoldOnAProductNotOnSaleWith409() {
    Product draft =
        api.core()
            .products()
            .createProduct(
                new CreateProduct("draft", MeteringSetup.RESELLER, "", ProductStatus.DRAFT));
    Map<String, Object> body = hold("acme", "1");
    body.put("product_id", draft.id().value());

    Reply reply = api.asService().post(HOLDS, json(body));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("invalid_state");
  }

  @Test
  void refusesAnotherCurrencyWith400() {
    Map<String, Object> body = hold("acme", "1");
    body.put("currency", "USD");

    Reply reply = api.asService().post(HOLDS, json(body));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("currency_mismatch");
  }

  @Test
  void refusesBadHoldsWith400AndHoldsNothing() {
    List<Map<String, Object>> bodies = new java.util.ArrayList<>();
    for (Object ttl : List.<Object>of(0, -5, 7 * 24 * 3600 + 1, "600", 1.5)) {
      Map<String, Object> body = hold("acme", "1");
      body.put("ttl_seconds", ttl);
      bodies.add(body);
    }
    for (Object amount : List.<Object>of("0", "-1", "0.0000001", "much")) {
      Map<String, Object> body = hold("acme", "1");
      body.put("amount", amount);
      bodies.add(body);
    }
    for (String field : List.of("user_org_id", "user_id", "product_id", "amount", "ttl_seconds")) {
      Map<String, Object> body = hold("acme", "1");
      body.remove(field);
      bodies.add(body);
    }
    Map<String, Object> extra = hold("acme", "1");
    extra.put("note", "x");
    bodies.add(extra);
    Map<String, Object> badCurrency = hold("acme", "1");
    badCurrency.put("currency", "yuan");
    bodies.add(badCurrency);

    for (Map<String, Object> body : bodies) {
      Reply reply = api.asService().post(HOLDS, json(body));
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    assertThat(api.asService().post(HOLDS, "{oops").status()).isEqualTo(400);
    assertThat(setup.balance("acme").available().amount()).isEqualByComparingTo("10");
  }

  @Test
  void refusesBadSettlementsWith400() {
    String id = reserved("4");

    for (String body :
        List.of(
            "{\"amount\": \"4.0001\"}",
            "{\"amount\": \"-1\"}",
            "{\"amount\": \"1.0000001\"}",
            "{}",
            "{\"amount\": \"1\", \"currency\": \"CNY\"}",
            "")) {
      Reply reply = api.asService().post(HOLDS + "/" + id + "/settle", body);
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    assertThat(api.asService().post(HOLDS + "/" + id + "/void", "{\"why\": 1}").status())
        .isEqualTo(400);
    assertThat(api.asService().get(HOLDS + "/" + id).json().path("status").asText())
        .isEqualTo("held");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");
  }

  @Test
  void settlesZeroAsAReleaseWithoutACharge() {
    String id = reserved("4");

    Reply reply = api.asService().post(HOLDS + "/" + id + "/settle", "{\"amount\": 0}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("settled_amount").asText()).isEqualTo("0.000000");
    assertThat(setup.balance("acme").balance().amount()).isEqualByComparingTo("10");
  }

  @Test
  void letsOnlyServiceAndAdminReserveSettleAndVoid() {
    String id = reserved("4");

    assertThat(api.asCustomer().post(HOLDS, json(hold("acme", "1"))).status()).isEqualTo(403);
    assertThat(api.asCustomer().post(HOLDS + "/" + id + "/settle", "{\"amount\": \"1\"}").status())
        .isEqualTo(403);
    assertThat(api.asCustomer().post(HOLDS + "/" + id + "/void", null).status()).isEqualTo(403);
    assertThat(api.anonymous().post(HOLDS, json(hold("acme", "1"))).status()).isEqualTo(401);
    assertThat(api.anonymous().get(HOLDS + "/" + id).status()).isEqualTo(401);
    assertThat(api.anonymous().post(HOLDS + "/" + id + "/void", null).status()).isEqualTo(401);
    assertThat(api.asService().get(HOLDS + "/" + id).json().path("status").asText())
        .isEqualTo("held");
  }
}
