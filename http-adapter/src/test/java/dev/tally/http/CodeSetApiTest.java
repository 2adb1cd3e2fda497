package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /code-sets}: the labels front ends show for stored codes, to every authenticated
 * caller. (The in-memory store labels each code by itself; the database's labels are checked by
 * the schema tests and the admin UI's browser tests.)
 */
class CodeSetApiTest {
  @RegisterExtension final ApiServer api = new ApiServer();

  @Test
  void listsEveryCodeSetWithALabelForEachCode() {
    Reply reply = api.asAdmin().get("/api/v1/code-sets");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode page = reply.json();
    assertThat(page.path("total").asInt()).isEqualTo(page.path("items").size()).isEqualTo(10);
    JsonNode billingMode = set(page, "billing_mode");
    assertThat(codes(billingMode)).containsExactly("1", "2", "3");
    assertThat(billingMode.path("codes"))
        .allSatisfy(code -> assertThat(code.path("label").asText()).isNotBlank());
    assertThat(codes(set(page, "subscription_status")))
        .containsExactly("active", "cancelled", "expired", "suspended");
  }

  @Test
  void isReadByServiceAndCustomerKeysButNotWithoutCredentials() {
    assertThat(api.asService().get("/api/v1/code-sets").status()).isEqualTo(200);
    assertThat(api.asCustomer().get("/api/v1/code-sets").status()).isEqualTo(200);
    Reply anonymous = api.anonymous().get("/api/v1/code-sets");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.code()).isEqualTo("unauthorized");
  }

  @Test
  void pagesLikeEveryList() {
    JsonNode second = api.asAdmin().get("/api/v1/code-sets?page=2&page_size=3").json();

    assertThat(second.path("page").asInt()).isEqualTo(2);
    assertThat(second.path("items")).hasSize(3);
    assertThat(second.path("total").asInt()).isEqualTo(10);
    assertThat(second.path("items").get(0).path("id").asText()).isEqualTo("ledger_operation");
  }

  private static JsonNode set(JsonNode page, String id) {
    for (JsonNode set : page.path("items")) {
      if (set.path("id").asText().equals(id)) {
        return set;
      }
    }
    throw new AssertionError("no code set " + id + " in " + page);
  }

  private static List<String> codes(JsonNode set) {
    List<String> codes = new ArrayList<>();
    set.path("codes").forEach(code -> codes.add(code.path("code").asText()));
    return codes;
  }
}
