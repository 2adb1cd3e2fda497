package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Subscription;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import dev.tally.http.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a request must look like, and that everything else is refused as problem+json without
 * changing anything: one value per JSON key, bodies declared as JSON, one decimal syntax in bodies
 * and query strings, and paths the server can read.
 */
class StrictRequestApiTest {
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;
  private static final String RECHARGE = "/api/v1/balances/acme/recharge";

  @RegisterExtension final ApiServer api = new ApiServer();

  private RawHttp raw;

  @BeforeEach
  void acmeHasTen() {
    api.core().balances().recharge(new Recharge(ACME, Money.of("10", Currency.CNY), Optional.empty(), ""));
    raw = new RawHttp(api.port());
  }

  // --- duplicate keys ------------------------------------------------------------------------

  @Test
  void refusesAKeyGivenTwiceInsteadOfTakingEitherValue() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": \"1\", \"amount\": \"7\"}");

    assertProblem(reply, 400, "validation_failed");
    assertThat(reply.json().path("detail").asText()).contains("amount");
    assertBalance("10.0000");
  }

  @Test
  void refusesAKeyGivenTwiceInANestedObjectOrABatchItem() {
    ProductResource llm = new MeteringSetup(api.core()).payPerUse("0.002", "0.001");
    String use =
        "{\"product_id\": \"" + llm.productId().value() + "\", \"user_id\": \"u-1\","
            + " \"user_org_id\": \"acme\", \"used_amount\": \"1\", \"used_amount\": \"7000\","
            + " \"used_unit\": \"token\", \"source_ref_table\": \"calls\", \"source_ref_id\": \"c-1\"}";

    assertProblem(api.asService().post("/api/v1/usage/batch", "{\"items\": [" + use + "]}"), 400, "validation_failed");
    assertProblem(
        api.asService().post("/api/v1/pricing/quote", "{\"program_id\": \"p-1\", \"usage\": {\"t\": 1, \"t\": 2}}"), 400, "validation_failed");
    assertBalance("10.0000");
  }

  // --- content types -------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", "application/json; charset=iso-8859-1"})
  void refusesABodyThatIsNotDeclaredJson(String contentType) {
    Reply reply =
        raw.send(
            "POST", RECHARGE,
            Map.of("Authorization", "Bearer " + api.adminKey(), "Content-Type", contentType),
            "{\"amount\": \"1\"}".getBytes(StandardCharsets.UTF_8));

    assertProblem(reply, 415, "unsupported_media_type");
    assertBalance("10.0000");
  }

  @Test
  void refusesABodyWithoutAContentType() {
    Reply reply =
        raw.send(
            "POST", RECHARGE, Map.of("Authorization", "Bearer " + api.adminKey()),
            "{\"amount\": \"1\"}".getBytes(StandardCharsets.UTF_8));

    assertProblem(reply, 415, "unsupported_media_type");
    assertBalance("10.0000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "Application/JSON", "application/merge-patch+json"})
  void acceptsJsonHoweverItIsSpelled(String contentType) {
    Reply reply =
        raw.send(
            "POST", RECHARGE,
            Map.of("Authorization", "Bearer " + api.adminKey(), "Content-Type", contentType),
            "{\"amount\": \"1\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertBalance("11.0000");
  }

  @Test
  void acceptsARouteWithoutABodyWhateverItsContentType() {
    Reply reply =
        raw.send("GET", "/api/v1/balances/acme", Map.of("Authorization", "Bearer " + api.adminKey(), "Content-Type", "text/plain"), null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  // --- one decimal syntax --------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"\"1e2\"", "\"+1\"", "\" 1\"", "\"1 \"", "\".5\"", "\"5.\"", "\"1,5\"", "\"0x10\"", "1e2", "1.5E1", "-2e-1", "\"\"", "\"-\""})
  void refusesADecimalOutsideTheOneSyntaxInABody(String amount) {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + amount + "}");

    assertProblem(reply, 400, "validation_failed");
    assertThat(reply.json().path("detail").asText()).startsWith("amount").contains("decimal");
    assertBalance("10.0000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1\"", "\"1.5\"", "1", "1.50", "\"0001.2500\""})
  void acceptsADecimalInTheOneSyntaxAsAStringOrANumber(String amount) {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + amount + "}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  @Test
  void refusesADecimalOutsideTheOneSyntaxInAUsageMap() {
    Reply reply = api.asService().post("/api/v1/pricing/quote", "{\"program_id\": \"p-1\", \"usage\": {\"tokens\": \"1e3\"}}");

    assertProblem(reply, 400, "validation_failed");
    assertThat(reply.json().path("detail").asText()).startsWith("usage.tokens");
  }

  @ParameterizedTest
  @CsvSource({"1e2", "%2B1", "%201", ".5", "1.", "0x10"})
  void refusesADecimalOutsideTheOneSyntaxInAQuery(String amount) {
    MeteringSetup setup = new MeteringSetup(api.core());
    Subscription subscription = setup.subscribed("acme", setup.soldIn(BillingMode.QUOTA, "0.01", "0.005"), "100");

    Reply reply =
        api.asAdmin().get("/api/v1/subscriptions/" + subscription.id().value() + "/quota?amount=" + amount);

    assertProblem(reply, 400, "validation_failed");
    assertThat(reply.json().path("detail").asText()).startsWith("amount");
  }

  // --- paths the server cannot read ----------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/balances/<script>",
    "PUT, /api/v1/balances/{x}/status",
    "POST, /api/v1/balances/a\\b/recharge",
    "DELETE, /api/v1/products/<p>/resources/r",
    "POST, /api/v1/balances/acme/recharge<",
    "PUT, /api/v1/balances/acme\\/credit-limit",
    "DELETE, /api/v1/resources/{r}/suppliers/s"
  })
  void answersARawOddCharacterInThePathWithAProblem(String method, String path) {
    Reply reply =
        raw.send(
            method, path,
            Map.of("Authorization", "Bearer " + api.adminKey(), "Content-Type", "application/json"),
            "{\"amount\": \"1\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(reply.status()).as(reply.toString()).isBetween(400, 404);
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    assertThat(reply.json().path("status").asInt()).isEqualTo(reply.status());
    assertThat(reply.json().path("code").asText()).isNotEmpty();
    assertBalance("10.0000");
  }

  private void assertBalance(String expected) {
    CustomerBalance balance = api.core().balances().balance(ACME);
    assertThat(balance.balance().amount()).isEqualByComparingTo(expected);
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    assertThat(reply.code()).isEqualTo(code);
  }
}
