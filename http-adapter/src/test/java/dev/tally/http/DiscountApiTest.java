package dev.tally.http;

import static dev.tally.http.MeteringSetup.json;
import static dev.tally.http.MeteringSetup.use;
import static dev.tally.http.MeteringSetup.useJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.ProductResource;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /discounts}: an admin sets, shows, lists and removes the discount a reseller gives a
 * customer org; every later use of the reseller's products is charged with it, and its usage row
 * says so.
 */
class DiscountApiTest {
  private static final String ACME = "/api/v1/discounts/" + MeteringSetup.RESELLER + "/acme";

  @RegisterExtension final ApiServer api = new ApiServer();

  private MeteringSetup setup;
  private ProductResource llm;

  @BeforeEach
  void catalogue() {
    setup = new MeteringSetup(api.core());
    llm = setup.payPerUse("0.00125", "0.0005");
    setup.recharged("acme", "10");
  }

  @Test
  void setsADiscountThatLaterUsesAreChargedWithAndShowOnTheirRow() {
    Reply set = api.asAdmin().put(ACME, "{\"discount\": \"0.95\"}");

    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().path("reseller_org_id").asText()).isEqualTo(MeteringSetup.RESELLER.value());
    assertThat(set.json().path("user_org_id").asText()).isEqualTo("acme");
    assertThat(set.json().path("discount").asText()).isEqualTo("0.95");
    assertThat(set.json().path("updated_at").asText()).isEqualTo("2026-03-01T00:00:00Z");

    Reply used = api.asService().post("/api/v1/usage", useJson(llm, "acme", "2001", "req-1"));

    // 2001 x 0.00125 = 2.50125, x 0.95 = 2.3761875: rounded once, half-up, to 2.376188
    assertThat(used.status()).as(used.toString()).isEqualTo(201);
    assertThat(used.json().path("sell_price").asText()).isEqualTo("2.376188");
    assertThat(used.json().path("customer_discount").asText()).isEqualTo("0.95");
    assertThat(setup.balance("acme").balance().amount().toPlainString()).isEqualTo("7.623812");
    JsonNode row = api.asCustomer().get("/api/v1/usage?user_org_id=acme").json().path("items").get(0);
    assertThat(row.path("customer_discount").asText()).isEqualTo("0.95");
    assertThat(row.path("sell_price").asText()).isEqualTo("2.376188");
    assertThat(api.asAdmin().get("/api/v1/accounting/verify").json().path("clean").asBoolean())
        .isTrue();
  }

  @Test
  void showsListsAndRemovesDiscounts() {
    api.asAdmin().put(ACME, "{\"discount\": 0.9}");
    api.asAdmin().put("/api/v1/discounts/reseller-2/acme", "{\"discount\": \"0.8\"}");
    api.asAdmin().put("/api/v1/discounts/reseller-2/globex", "{\"discount\": \"0.7\"}");

    assertThat(api.asService().get(ACME).json().path("discount").asText()).isEqualTo("0.9");
    JsonNode ofAcme = api.asService().get("/api/v1/discounts?user_org_id=acme").json();
    assertThat(ofAcme.path("total").asLong()).isEqualTo(2);
    assertThat(ofAcme.path("items").get(1).path("reseller_org_id").asText()).isEqualTo("reseller-2");
    assertThat(api.asAdmin().get("/api/v1/discounts?reseller_org_id=reseller-2").json().path("total").asLong())
        .isEqualTo(2);

    Reply removed = api.asAdmin().delete(ACME);

    assertThat(removed.status()).isEqualTo(204);
    assertThat(api.asAdmin().get(ACME).status()).isEqualTo(404);
    assertThat(api.asAdmin().get(ACME).code()).isEqualTo("not_found");
    assertThat(api.asAdmin().delete(ACME).status()).isEqualTo(404);
    Reply full = api.asService().post("/api/v1/usage", useJson(llm, "acme", "1000", "req-2"));
    assertThat(full.json().path("sell_price").asText()).isEqualTo("1.250000");
    assertThat(full.json().path("customer_discount").asText()).isEqualTo("1");
  }

  @Test
  void letsACustomerReadOnlyItsOwnDiscountsAndOnlyAnAdminChangeThem() {
    api.asAdmin().put(ACME, "{\"discount\": \"0.9\"}");
    api.asAdmin().put("/api/v1/discounts/reseller-2/globex", "{\"discount\": \"0.7\"}");

    assertThat(api.asCustomer().get(ACME).status()).isEqualTo(200);
    assertThat(api.asCustomer().get("/api/v1/discounts/reseller-2/globex").status()).isEqualTo(403);
    JsonNode own = api.asCustomer().get("/api/v1/discounts").json();
    assertThat(own.path("total").asLong()).isEqualTo(1);
    assertThat(api.asCustomer().get("/api/v1/discounts?user_org_id=globex").status()).isEqualTo(403);
    assertThat(api.asCustomer().put(ACME, "{\"discount\": \"0.1\"}").status()).isEqualTo(403);
    assertThat(api.asService().put(ACME, "{\"discount\": \"0.1\"}").status()).isEqualTo(403);
    assertThat(api.asService().delete(ACME).status()).isEqualTo(403);
    assertThat(api.anonymous().get(ACME).status()).isEqualTo(401);
    assertThat(api.asAdmin().get(ACME).json().path("discount").asText()).isEqualTo("0.9");
  }

  @Test
  void refusesADiscountOutsideZeroToOneOrFinerThanSixDecimals() {
    for (String body :
        List.of(
            "{\"discount\": \"1.01\"}",
            "{\"discount\": -0.5}",
            "{\"discount\": \"0.1234567\"}",
            "{\"discount\": \"much\"}",
            "{}",
            "{\"discount\": \"0.9\", \"currency\": \"CNY\"}")) {
      Reply reply = api.asAdmin().put(ACME, body);
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    assertThat(api.asAdmin().put("/api/v1/discounts/bad%20id/acme", "{\"discount\": 1}").status())
        .isEqualTo(400);
    assertThat(api.asAdmin().get(ACME).status()).isEqualTo(404);
  }

  @Test
  void aBatchOfUsesIsChargedWithTheDiscountItemByItem() {
    api.asAdmin().put(ACME, "{\"discount\": \"0.5\"}");
    Map<String, Object> first = use(llm, "acme", "1000", "b-1");
    Map<String, Object> second = use(llm, "acme", "3", "b-2");

    Reply batch =
        api.asService().post("/api/v1/usage/batch", json(Map.of("items", List.of(first, second))));

    JsonNode results = batch.json().path("results");
    // 1000 x 0.00125 x 0.5 = 0.625; 3 x 0.00125 x 0.5 = 0.001875
    assertThat(results.get(0).path("usage").path("sell_price").asText()).isEqualTo("0.625000");
    assertThat(results.get(1).path("usage").path("sell_price").asText()).isEqualTo("0.001875");
    assertThat(results.get(1).path("usage").path("customer_discount").asText()).isEqualTo("0.5");
  }
}
