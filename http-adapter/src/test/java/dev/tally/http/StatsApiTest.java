package dev.tally.http;

import static dev.tally.http.MeteringSetup.useJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.ProductResource;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatsApiTest {
  private static final String STATS = "/api/v1/stats/usage";

  @RegisterExtension final ApiServer api = new ApiServer();

  private ProductResource cheap;
  private ProductResource dear;

  @BeforeEach
  void usage() {
    MeteringSetup setup = new MeteringSetup(api.core());
    cheap = setup.payPerUse("0.001", "0.0004");
    dear = setup.payPerUse("0.01", "0.005");
    setup.recharged("acme", "100").recharged("globex", "100");
    post(useJson(cheap, "acme", "1000", "a-1"));
    post(useJson(cheap, "acme", "500", "a-2"));
    post(useJson(dear, "globex", "100", "g-1"));
    api.clock().advance(Duration.ofDays(1));
    post(useJson(dear, "acme", "200", "a-3"));
  }

  private void post(String body) {
    assertThat(api.asService().post("/api/v1/usage", body).status()).isEqualTo(201);
  }

  @Test
  void sumsUseCostRevenueAndMarginByProduct() {
    Reply reply = api.asAdmin().get(STATS + "?group_by=product");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("group_by").asText()).isEqualTo("product");
    Map<String, JsonNode> rows = byKey(reply.json().path("rows"));
    JsonNode cheapRow = rows.get(cheap.productId().value());
    assertThat(cheapRow.path("unit").asText()).isEqualTo("token");
    assertThat(cheapRow.path("uses").asLong()).isEqualTo(2);
    assertThat(cheapRow.path("used").isTextual()).isTrue();
    assertThat(decimal(cheapRow, "used")).isEqualByComparingTo("1500");
    assertThat(decimal(cheapRow, "revenue")).isEqualByComparingTo("1.5");
    assertThat(decimal(cheapRow, "cost")).isEqualByComparingTo("0.6");
    assertThat(decimal(cheapRow, "margin")).isEqualByComparingTo("0.9");
    JsonNode dearRow = rows.get(dear.productId().value());
    assertThat(dearRow.path("uses").asLong()).isEqualTo(2);
    assertThat(decimal(dearRow, "revenue")).isEqualByComparingTo("3");
    assertThat(decimal(dearRow, "cost")).isEqualByComparingTo("1.5");
  }

  @Test
  void groupsByOrgUserSupplierAndDay() {
    Map<String, JsonNode> byOrg =
        byKey(api.asService().get(STATS + "?group_by=org").json().path("rows"));
    Map<String, JsonNode> byUser =
        byKey(api.asService().get(STATS + "?group_by=user").json().path("rows"));
    Map<String, JsonNode> bySupplier =
        byKey(api.asService().get(STATS + "?group_by=supplier").json().path("rows"));
    Map<String, JsonNode> byDay =
        byKey(api.asService().get(STATS + "?group_by=day").json().path("rows"));

    assertThat(byOrg.keySet()).containsExactlyInAnyOrder("acme", "globex");
    assertThat(byOrg.get("acme").path("uses").asLong()).isEqualTo(3);
    assertThat(decimal(byOrg.get("acme"), "revenue")).isEqualByComparingTo("3.5");
    assertThat(byUser.get(MeteringSetup.USER).path("uses").asLong()).isEqualTo(4);
    assertThat(bySupplier.get("supplier-1").path("uses").asLong()).isEqualTo(4);
    assertThat(byDay.keySet()).containsExactlyInAnyOrder("2026-03-01", "2026-03-02");
    assertThat(byDay.get("2026-03-02").path("uses").asLong()).isEqualTo(1);
  }

  @Test
  void narrowsToATimeRangeAndAnOrg() {
    Reply firstDay =
        api.asAdmin()
            .get(STATS + "?group_by=org&from=2026-03-01T00:00:00Z&to=2026-03-01T12:00:00Z");
    Reply acme = api.asAdmin().get(STATS + "?group_by=product&user_org_id=acme");

    Map<String, JsonNode> rows = byKey(firstDay.json().path("rows"));
    assertThat(rows.get("acme").path("uses").asLong()).isEqualTo(2);
    assertThat(rows.get("globex").path("uses").asLong()).isEqualTo(1);
    assertThat(acme.json().path("user_org_id").asText()).isEqualTo("acme");
    int uses = 0;
    for (JsonNode row : acme.json().path("rows")) {
      uses += row.path("uses").asInt();
    }
    assertThat(uses).isEqualTo(3);
  }

  @Test
  void refusesBadParametersWith400() {
    for (String query :
        List.of(
            "",
            "?group_by=planet",
            "?group_by=org&from=soon",
            "?group_by=org&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
            "?group_by=org&user_org_id=a%20b")) {
      Reply reply = api.asAdmin().get(STATS + query);
      assertThat(reply.status()).as(query + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
  }

  @Test
  void keepsCustomersAndStrangersOut() {
    Reply customer = api.asCustomer().get(STATS + "?group_by=org&user_org_id=acme");

    assertThat(customer.status()).isEqualTo(403);
    assertThat(customer.code()).isEqualTo("forbidden");
    assertThat(api.anonymous().get(STATS + "?group_by=org").status()).isEqualTo(401);
  }

  private static Map<String, JsonNode> byKey(JsonNode rows) {
    Map<String, JsonNode> map = new HashMap<>();
    for (JsonNode row : rows) {
      assertThat(map.put(row.path("key").asText(), row)).as("one row per key and unit").isNull();
    }
    return map;
  }

  private static java.math.BigDecimal decimal(JsonNode row, String field) {
    assertThat(row.path(field).isTextual()).as(field + " is a decimal string").isTrue();
    return new java.math.BigDecimal(row.path(field).asText());
  }
}
