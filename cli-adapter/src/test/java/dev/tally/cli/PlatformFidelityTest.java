package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.cli.command.Serving;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's data as it is, through the whole stack: a price list stored as the platform
 * stores it (a YAML {@code pricing_data} document, written for this test) synced from a scripted
 * upstream, then used through {@code POST /usage} with the platform's raw usage objects and typed
 * attributes, a long-prompt tier, a per-10,000-character line, the programme's and the customer's
 * discounts, and charges to 6 decimals: docs/domain.md, Examples 4 and 5. Every figure is worked
 * out in the comments.
 */
class PlatformFidelityTest {
  private static final String ADMIN_KEY = "fidelity-admin-key-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The platform's stored list of docs/domain.md, Example 4, exactly as printed there: LLM tokens
   * in two tiers, an audio surcharge, speech per 万字符.
   */
  private static String pricingData() throws IOException {
    String doc = Files.readString(Path.of("../docs/domain.md"));
    String block =
        doc.substring(
            doc.indexOf("<!-- example-4-list:start -->"), doc.indexOf("<!-- example-4-list:end -->"));
    return block.substring(block.indexOf("```yaml") + "```yaml".length(), block.lastIndexOf("```"));
  }

  @TempDir Path data;

  private final MockWebServer upstream = new MockWebServer();
  private final Map<String, String> feeds = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Serving serving;

  @BeforeEach
  void startTheUpstreamAndTally() throws IOException {
    // "pp-platform" takes 10% off; "pp-list" is the same list at list price
    String list =
        "{\"enabled_date\":\"2024-01-01\",\"expired_date\":null,\"pricing_data\":"
            + JSON.writeValueAsString(pricingData())
            + "}";
    feeds.put(
        "/pricing/changes",
        "{\"items\":[{\"id\":\"pp-platform\",\"version\":1,\"name\":\"MiniMax and speech\","
            + "\"currency\":\"CNY\",\"discount\":\"0.9\",\"price_lists\":["
            + list
            + "]},{\"id\":\"pp-list\",\"version\":1,\"program_name\":\"List price\",\"price_lists\":["
            + list
            + "]}],\"next\":\"p-1\",\"has_more\":false}");
    feeds.put(
        "/users/changes",
        "{\"items\":[{\"id\":\"u-1\",\"version\":3,\"username\":\"alice\",\"orgid\":\"acme\"}],"
            + "\"next\":\"u-1\",\"has_more\":false}");
    feeds.put(
        "/llmage/changes",
        "{\"items\":[{\"id\":\"MiniMax-M3\",\"version\":2,\"name\":\"MiniMax M3\","
            + "\"cache_ratio\":1.000,\"context\":1000000}],\"next\":\"m-1\",\"has_more\":false}");
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = feeds.get(request.getUrl().encodedPath());
            return body == null
                ? new MockResponse.Builder().code(404).build()
                : new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json; charset=utf-8")
                    .body(body)
                    .build();
          }
        });
    upstream.start();
    Map<String, String> environment = new HashMap<>();
    environment.put("TALLY_DATABASE_URL", "jdbc:h2:file:" + data.resolve("tally") + ";WRITE_DELAY=0");
    environment.put("TALLY_SERVER_PORT", "0");
    environment.put("TALLY_SECURITY_ADMIN_KEY", ADMIN_KEY);
    environment.put("TALLY_SYNC_BASE_URL", upstream.url("/").toString());
    for (String entity : new String[] {"USERS", "PRICING", "UAPI", "LLMAGE"}) {
      environment.put("TALLY_SYNC_" + entity + "_INTERVAL_SECONDS", "0");
    }
    TallyConfig config = ConfigLoader.load(Optional.empty(), environment);
    serving = Serving.start(config, false);
  }

  @AfterEach
  void stopEverything() {
    if (serving != null) {
      serving.close();
    }
    upstream.close();
  }

  @Test
  void chargesThePlatformsStoredPriceListThroughPostUsageWithBothDiscounts() throws Exception {
    assertThat(call("POST", "/sync/pricing", null).path("outcome").asText()).isEqualTo("completed");
    String chat = product("MiniMax chat", "llm", "MiniMax-M3", "token", "pp-platform");
    String speech = product("Speech", "uapi", "speech-2", "character", "pp-platform");
    call("POST", "/balances/acme/recharge", "{\"amount\": \"10\"}");
    call("PUT", "/discounts/reseller-1/acme", "{\"discount\": \"0.95\"}");

    // 1. a long prompt with audio, the usage as the provider returned it: the tier above 512K,
    //    600000 / 1e6 x 4.2 + 2000 / 1e6 x 16.8 + 3000 audio / 1e6 x 14 = 2.52 + 0.0336 + 0.042
    //    = 2.5956; x 0.9 (programme) = 2.33604; x 0.95 (acme) = 2.219238
    JsonNode longPrompt =
        use(
            chat,
            "602000",
            "token",
            """
            {"prompt_tokens": 600000, "completion_tokens": 2000, "total_tokens": 602000,
             "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 3000},
             "completion_tokens_details": {"reasoning_tokens": 500}, "service_tier": "default"}""",
            "{\"model\": \"MiniMax-M3\", \"audio\": true, \"SR\": 1080}",
            "chat-1");
    // 2. a short prompt, audio "False" as Python writes it: the tier up to 512K, no surcharge,
    //    1234 / 1e6 x 2.1 + 567 / 1e6 x 8.4 = 0.0025914 + 0.0047628 = 0.0073542;
    //    x 0.9 = 0.00661878; x 0.95 = 0.006287841 -> 0.006288
    JsonNode shortPrompt =
        use(
            chat,
            "1801",
            "token",
            "{\"prompt_tokens\": 1234, \"completion_tokens\": 567,"
                + " \"prompt_tokens_details\": {\"audio_tokens\": 0}}",
            "{\"model\": \"MiniMax-M3\", \"audio\": \"False\"}",
            "chat-2");
    // 3. 2345 characters of speech at 3.5 per 10,000 (万字符), SR sent as a number:
    //    2345 / 10000 x 3.5 = 0.82075; x 0.9 = 0.738675; x 0.95 = 0.70174125 -> 0.701741
    JsonNode tts = use(speech, "2345", "character", null, "{\"model\": \"speech-2\", \"SR\": 24000}", "tts-1");

    assertThat(longPrompt.path("sell_price").asText()).isEqualTo("2.219238");
    assertThat(longPrompt.path("customer_discount").asText()).isEqualTo("0.95");
    assertThat(shortPrompt.path("sell_price").asText()).isEqualTo("0.006288");
    assertThat(tts.path("sell_price").asText()).isEqualTo("0.701741");
    // 10 - 2.219238 - 0.006288 - 0.701741
    assertThat(call("GET", "/balances/acme", null).path("balance").asText()).isEqualTo("7.072733");
    JsonNode quote =
        call(
            "POST",
            "/pricing/quote",
            """
            {"program_id": "pp-platform", "date": "2026-03-01",
             "usage": {"prompt_tokens": 600000, "completion_tokens": 2000,
                       "prompt_tokens_details": {"audio_tokens": 3000}},
             "attributes": {"model": "MiniMax-M3", "audio": true},
             "reseller_org_id": "reseller-1", "user_org_id": "acme"}""");
    assertThat(quote.path("subtotal").asText()).isEqualTo("2.5956");
    assertThat(quote.path("discount").asText()).isEqualTo("0.9");
    assertThat(quote.path("customer_discount").asText()).isEqualTo("0.95");
    assertThat(quote.path("total").asText()).isEqualTo("2.219238");
    JsonNode rows = call("GET", "/usage?user_org_id=acme", null).path("items");
    assertThat(rows).hasSize(3);
    assertThat(rows).allSatisfy(row -> assertThat(row.path("customer_discount").asText()).isEqualTo("0.95"));
    JsonNode verify = call("GET", "/accounting/verify", null);
    assertThat(verify.path("clean").asBoolean()).as(verify.toString()).isTrue();
    System.out.printf(
        "[fidelity] platform list through POST /usage: %s + %s + %s charged, acme's balance %s%n",
        longPrompt.path("sell_price").asText(),
        shortPrompt.path("sell_price").asText(),
        tts.path("sell_price").asText(),
        call("GET", "/balances/acme", null).path("balance").asText());
  }

  @Test
  void chargesASmallCallToTheMillionthNotToTheTenThousandth() throws Exception {
    call("POST", "/sync/pricing", null);
    String chat = product("Chat at list price", "llm", "MiniMax-M3", "token", "pp-list");
    call("POST", "/balances/globex/recharge", "{\"amount\": \"1\"}");

    // 15 / 1e6 x 2.1 + 3 / 1e6 x 8.4 = 0.0000567: charged 0.000057, where 4 decimals made 0.0001
    JsonNode small =
        use(
            chat,
            "18",
            "token",
            "{\"prompt_tokens\": 15, \"completion_tokens\": 3}",
            "{\"model\": \"MiniMax-M3\"}",
            "small-1",
            "globex");

    assertThat(small.path("sell_price").asText()).isEqualTo("0.000057");
    assertThat(small.path("customer_discount").asText()).isEqualTo("1");
    assertThat(call("GET", "/balances/globex", null).path("balance").asText()).isEqualTo("0.999943");
    JsonNode records = call("GET", "/accounting/records?customer_id=globex", null).path("items");
    assertThat(records.get(0).path("amount").asText()).isEqualTo("-0.000057");
    assertThat(records.get(0).path("balance_after").asText()).isEqualTo("0.999943");
  }

  @Test
  void keepsThePlatformsUsersAndDecimalsAndListsOnDemandSyncsInHealth() throws Exception {
    JsonNode before = anonymousHealth();
    call("POST", "/sync/users", null);
    call("POST", "/sync/llmage", null);
    JsonNode after = anonymousHealth();

    JsonNode alice = call("GET", "/users/u-1", null);
    assertThat(alice.path("name").asText()).isEqualTo("alice");
    assertThat(alice.path("org_id").asText()).isEqualTo("acme");
    String models = send("GET", "/llms", null).body();
    assertThat(models).contains("\"cache_ratio\":1.000");
    for (String entity : new String[] {"users", "pricing", "uapi", "llmage"}) {
      JsonNode check = before.path("checks").path("sync." + entity);
      assertThat(check.path("schedule").asText()).as(entity).isEqualTo("on_demand");
      assertThat(check.path("stale").asBoolean()).as(entity + " never synced").isTrue();
    }
    assertThat(after.path("checks").path("sync.users").path("stale").asBoolean()).isFalse();
    assertThat(after.path("checks").path("sync.uapi").path("stale").asBoolean()).isTrue();
  }

  // --- the API, as a client calls it

  /** A published product of reseller-1 whose one pay-per-use resource a programme prices. */
  private String product(String name, String type, String ref, String unit, String programme)
      throws Exception {
    String id =
        call(
                "POST",
                "/products",
                "{\"product_name\": \"" + name + "\", \"owner_org_id\": \"reseller-1\","
                    + " \"status\": \"published\"}")
            .path("id")
            .asText();
    call(
        "POST",
        "/products/" + id + "/resources",
        "{\"resource_type\": \"" + type + "\", \"resource_ref_id\": \"" + ref + "\","
            + " \"billing_mode\": \"1\", \"used_unit\": \"" + unit + "\","
            + " \"pricing_program_id\": \"" + programme + "\"}");
    return id;
  }

  private JsonNode use(
      String product, String amount, String unit, String usage, String attributes, String ref)
      throws Exception {
    return use(product, amount, unit, usage, attributes, ref, "acme");
  }

  private JsonNode use(
      String product,
      String amount,
      String unit,
      String usage,
      String attributes,
      String ref,
      String org)
      throws Exception {
    String body =
        "{\"product_id\": \"" + product + "\", \"user_id\": \"alice\", \"user_org_id\": \"" + org
            + "\", \"used_amount\": \"" + amount + "\", \"used_unit\": \"" + unit + "\","
            + (usage == null ? "" : " \"usage\": " + usage + ",")
            + " \"attributes\": " + attributes + ","
            + " \"source_ref_table\": \"platform_request\", \"source_ref_id\": \"" + ref + "\"}";
    HttpResponse<String> reply = send("POST", "/usage", body);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return JSON.readTree(reply.body());
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpResponse<String> reply = send(method, path, body);
    assertThat(reply.statusCode()).as(method + " " + path + ": " + reply.body()).isBetween(200, 299);
    return JSON.readTree(reply.body());
  }

  private JsonNode anonymousHealth() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + "/health")).GET().build();
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://127.0.0.1:" + serving.port() + "/api/v1";
  }
}
