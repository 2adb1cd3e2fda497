package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input of every kind gets a 4xx problem+json a person can act on, never a 500, and changes
 * nothing: after each test the balance and the ledger are what they were before it.
 */
class ErrorHandlingApiTest {
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;
  private static final String RECHARGE = "/api/v1/balances/acme/recharge";

  @RegisterExtension final ApiServer api = new ApiServer();

  private CustomerBalance before;
  private long ledgerLegsBefore;

  @BeforeEach
  void acmeHasABalance() {
    api.core()
        .balances()
        .recharge(new Recharge(ACME, Money.of("10", Currency.CNY), Optional.empty(), ""));
    before = api.core().balances().balance(ACME);
    ledgerLegsBefore = ledgerLegs();
  }

  @AfterEach
  void nothingChanged() {
    CustomerBalance after = api.core().balances().balance(ACME);
    assertThat(after.balance()).isEqualTo(before.balance());
    assertThat(after.creditLimit()).isEqualTo(before.creditLimit());
    assertThat(after.status()).isEqualTo(before.status());
    assertThat(ledgerLegs()).isEqualTo(ledgerLegsBefore);
  }

  // --- bodies that are not what a route reads ---------------------------------------------------

  @Test
  void refusesMalformedJsonNamingWhereItBroke() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\n  \"amount\": \"1\",\n  \"memo\": }");

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("not valid JSON").contains("line 3").contains("column");
  }

  @Test
  void refusesTrailingGarbageAfterTheObject() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": \"1\"} {\"amount\": \"2\"}");

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("not valid JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[{\"amount\": \"1\"}]", "\"1\"", "42", "null", "true"})
  void refusesJsonThatIsNotAnObject(String body) {
    Reply reply = api.asAdmin().post(RECHARGE, body);

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("JSON object");
  }

  @Test
  void refusesAnEmptyBody() {
    Reply reply = api.asAdmin().post(RECHARGE, "");

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("empty");
  }

  @Test
  void refusesAStringWhereANumberIsDueNamingTheField() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": \"ten\"}");

    assertValidationFailed(reply);
    assertThat(detail(reply)).startsWith("amount").contains("decimal");
  }

  @Test
  void refusesABooleanOrAnObjectWhereANumberIsDue() {
    assertThat(detail(assertValidationFailed(api.asAdmin().post(RECHARGE, "{\"amount\": true}"))))
        .startsWith("amount");
    assertThat(detail(assertValidationFailed(api.asAdmin().post(RECHARGE, "{\"amount\": {\"value\": 1}}"))))
        .startsWith("amount");
  }

  @Test
  void refusesAnObjectOrANumberWhereAStringIsDueNamingTheField() {
    Reply object = api.asAdmin().post(RECHARGE, "{\"amount\": \"1\", \"reference\": {\"id\": \"x\"}}");
    Reply number = api.asAdmin().put("/api/v1/balances/acme/status", "{\"status\": 5}");

    assertThat(detail(assertValidationFailed(object))).contains("reference").contains("string");
    assertThat(detail(assertValidationFailed(number))).contains("status").contains("string");
  }

  @Test
  void refusesAMissingRequiredField() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"memo\": \"no amount\"}");

    assertThat(detail(assertValidationFailed(reply))).isEqualTo("amount is required");
  }

  @Test
  void refusesUnknownFieldsListingThemAndWhatTheRouteTakes() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": \"1\", \"colour\": \"red\", \"size\": 2}");

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("[colour, size]").contains("amount").contains("reference");
  }

  @Test
  void refusesAnUnknownEnumValueInABody() {
    Reply reply = api.asAdmin().put("/api/v1/balances/acme/status", "{\"status\": \"frozen\"}");

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("status").contains("frozen");
  }

  @Test
  void refusesAnUnknownEnumValueInAQuery() {
    Reply reply = api.asAdmin().get("/api/v1/balances?status=frozen");

    assertValidationFailed(reply);
    assertThat(detail(reply)).startsWith("status").contains("frozen");
  }

  @Test
  void refusesAnUnknownCurrency() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": \"1\", \"currency\": \"dollars\"}");

    assertThat(detail(assertValidationFailed(reply))).startsWith("currency");
  }

  // --- amounts ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"\"-5\"", "-5", "\"0\"", "0"})
  void refusesARechargeThatIsNotPositive(String amount) {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + amount + "}");

    assertValidationFailed(reply);
    assertThat(detail(reply)).contains("positive");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1.0000001\"", "1.0000001", "\"0.0000001\""})
  void refusesAnAmountWithMoreDecimalsThanTheBalanceKeeps(String amount) {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + amount + "}");

    assertThat(detail(assertValidationFailed(reply))).startsWith("amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1e30\"", "1e30", "\"99999999999999999\"", "\"NaN\"", "\"Infinity\"", "\"\""})
  void refusesAnAmountOutOfRangeOrNotANumber(String amount) {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + amount + "}");

    assertThat(detail(assertValidationFailed(reply))).startsWith("amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e-999999999", "\"1e-999999999\"", "1e999999999", "\"1E+999999999\""})
  void refusesAnAmountWithAHugeExponentQuicklyAndBriefly(String amount) {
    long started = System.nanoTime();

    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + amount + "}");

    // an exponent is outside the one decimal syntax, whatever its size
    assertThat(detail(assertValidationFailed(reply))).startsWith("amount").contains("no exponent");
    assertThat(reply.body().length()).isLessThan(1_000);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"%s\"", "%s"})
  void refusesAnAbsurdlyLongNumberQuickly(String format) {
    String digits = "1".repeat(format.startsWith("\"") ? 1_000_000 : 5_000);
    long started = System.nanoTime();

    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": " + format.formatted(digits) + "}");

    assertValidationFailed(reply);
    assertThat(reply.body().length()).isLessThan(1_000);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void refusesAHugeExponentInsideAUsageMap() {
    Reply reply =
        api.asAdmin()
            .post("/api/v1/pricing/quote", "{\"program_id\": \"p-1\", \"usage\": {\"prompt_tokens\": 1e-999999999}}");

    assertThat(detail(assertValidationFailed(reply))).startsWith("usage.prompt_tokens");
    assertThat(reply.body().length()).isLessThan(1_000);
  }

  @Test
  void refusesANegativeOrOverScaledCreditLimit() {
    Reply negative = api.asAdmin().put("/api/v1/balances/acme/credit-limit", "{\"credit_limit\": \"-1\"}");
    Reply overScaled =
        api.asAdmin().put("/api/v1/balances/acme/credit-limit", "{\"credit_limit\": \"1.1234567\"}");

    assertThat(detail(assertValidationFailed(negative))).contains("credit");
    assertThat(detail(assertValidationFailed(overScaled))).startsWith("credit_limit");
  }

  @Test
  void refusesAnAdjustmentOfZeroOrWithoutAReason() {
    Reply zero = api.asAdmin().post("/api/v1/balances/acme/adjust", "{\"amount\": \"0\", \"reason\": \"x\"}");
    Reply blank = api.asAdmin().post("/api/v1/balances/acme/adjust", "{\"amount\": \"1\", \"reason\": \" \"}");

    assertThat(detail(assertValidationFailed(zero))).contains("non-zero");
    assertThat(detail(assertValidationFailed(blank))).contains("reason");
  }

  @Test
  void refusesAMalformedRechargeReference() {
    String tooLong = "r".repeat(300);

    Reply reply =
        api.asAdmin().post(RECHARGE, "{\"amount\": \"1\", \"reference\": \"" + tooLong + "\"}");

    assertValidationFailed(reply);
  }

  // --- path and query parameters ---------------------------------------------------------------

  @Test
  void refusesAMalformedIdInThePath() {
    Reply reply = api.asAdmin().post("/api/v1/balances/" + "x".repeat(200) + "/recharge", "{\"amount\": \"1\"}");

    assertThat(detail(assertValidationFailed(reply))).startsWith("customer_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"page=0", "page=-1", "page=two", "page_size=0", "page_size=abc", "page_size=100000", "page=99999999999"})
  void refusesBadPagingParameters(String query) {
    Reply reply = api.asAdmin().get("/api/v1/balances?" + query);

    assertThat(detail(assertValidationFailed(reply))).startsWith(query.substring(0, query.indexOf('=')));
  }

  // --- routes and methods ----------------------------------------------------------------------

  @Test
  void answersAnUnknownRouteWithNotFoundProblemJson() {
    for (Reply reply :
        new Reply[] {
          api.asAdmin().get("/api/v1/no-such-thing"),
          api.anonymous().get("/api/v1/no-such-thing"),
          api.asAdmin().post("/api/v1/balances/acme/refill", "{\"amount\": \"1\"}"),
          api.asAdmin().get("/nowhere")
        }) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
      assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
      assertThat(reply.code()).isEqualTo("not_found");
      assertThat(detail(reply)).contains("no route");
    }
  }

  @Test
  void keepsCoresDetailWhenAKnownRouteFindsNothing() {
    Reply reply = api.asAdmin().get("/api/v1/balances/globex");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.code()).isEqualTo("not_found");
    assertThat(detail(reply)).doesNotContain("no route").contains("globex");
  }

  @Test
  void answersARequestJettyCannotReadWithProblemJson() {
    Reply nul = api.asAdmin().get("/api/v1/balances/%00");
    Reply hugeHeader = api.asAdmin().with("X-Padding", "x".repeat(20_000)).get("/api/v1/balances/acme");

    for (Reply reply : new Reply[] {nul, hugeHeader}) {
      assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
      assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
      assertThat(reply.json().path("status").asInt()).isEqualTo(reply.status());
      assertThat(detail(reply)).startsWith("the request could not be read");
    }
  }

  @Test
  void refusesJsonNestedDeeperThanTheParserAllows() {
    Reply reply = api.asAdmin().post(RECHARGE, "[".repeat(5_000) + "]".repeat(5_000));
    Reply object = api.asAdmin().post(RECHARGE, "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));

    assertThat(detail(assertValidationFailed(reply))).contains("not valid JSON").contains("nesting");
    assertThat(detail(assertValidationFailed(object))).contains("not valid JSON");
  }

  @Test
  void answersAWrongMethodOnAKnownPathWithProblemJson() {
    for (Reply reply :
        new Reply[] {
          api.asAdmin().delete("/api/v1/balances/acme"),
          api.asAdmin().send("PATCH", "/api/v1/balances/acme", "{\"balance\": \"1000\"}"),
          api.asAdmin().put(RECHARGE, "{\"amount\": \"1\"}"),
          api.asAdmin().get(RECHARGE)
        }) {
      assertThat(reply.status()).as(reply.toString()).isIn(404, 405);
      assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
      assertThat(reply.json().path("status").asInt()).isEqualTo(reply.status());
    }
  }

  @Test
  void writesEveryProblemWithItsStandardFields() {
    Reply reply = api.asAdmin().post(RECHARGE, "{\"amount\": \"ten\"}");

    assertThat(reply.json().path("type").asText()).isEqualTo("https://tally.dev/problems/validation_failed");
    assertThat(reply.json().path("title").asText()).isEqualTo("validation failed");
    assertThat(reply.json().path("status").asInt()).isEqualTo(400);
    assertThat(reply.json().path("instance").asText()).isEqualTo(RECHARGE);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private long ledgerLegs() {
    return api.core().ledger().records(LedgerQuery.ALL, new PageRequest(1, 1)).total();
  }

  private static Reply assertValidationFailed(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    return reply;
  }

  private static String detail(Reply reply) {
    return reply.json().path("detail").asText();
  }
}
