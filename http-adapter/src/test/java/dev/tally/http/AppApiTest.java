package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.auth.Authenticator;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import dev.tally.http.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Apps over the API: registered, listed, disabled, enabled and deleted by an admin; and the
 * platform's own apps and keys imported as they are, after which the platform's clients work
 * unchanged: its Deerer tokens and HMAC signatures under the same secret, its keys as Bearer keys,
 * each app held to its org.
 */
class AppApiTest {
  private static final String PLATFORM_SECRET = "pl4tform-s3cret!";
  private static final String PLATFORM_KEY = "sk-platform-7f3a9c";
  private static final String HASHED_KEY = "sk-platform-hashed-41b2";

  @RegisterExtension final ApiServer api = new ApiServer();

  private RawHttp raw;
  private int tokens;

  @BeforeEach
  void customersHaveBalances() {
    api.core().balances().recharge(new Recharge(ApiServer.CUSTOMER_ORG, Money.of("10", Currency.CNY), Optional.empty(), ""));
    api.core().balances().recharge(new Recharge(OrgId.of("globex"), Money.of("5", Currency.CNY), Optional.empty(), ""));
    raw = new RawHttp(api.port());
  }

  @Test
  void registersAnAppShowingItsSecretOnceAndListsItWithout() {
    Reply created =
        api.asAdmin().post("/api/v1/apps", "{\"name\": \"billing bot\", \"org_id\": \"acme\", \"allowed_ips\": [\"127.0.0.1\"]}");
    String appId = created.json().path("app_id").asText();
    String secret = created.json().path("secret").asText();

    Reply listed = api.asAdmin().get("/api/v1/apps");
    Reply shown = api.asAdmin().get("/api/v1/apps/" + appId);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(secret).hasSizeGreaterThan(20);
    assertThat(created.json().path("role").asText()).isEqualTo("customer");
    assertThat(listed.json().path("total").asInt()).isEqualTo(1);
    assertThat(listed.json().path("items").get(0).path("app_id").asText()).isEqualTo(appId);
    for (Reply reply : new Reply[] {listed, shown}) {
      assertThat(reply.body()).doesNotContain(secret).doesNotContain("secret");
    }
    assertThat(shown.json().path("allowed_ips").get(0).asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void letsOnlyAnAdminManageApps() {
    for (HttpApi client : new HttpApi[] {api.asService(), api.asCustomer()}) {
      assertThat(client.post("/api/v1/apps", "{\"name\": \"x\"}").status()).isEqualTo(403);
      assertThat(client.get("/api/v1/apps").status()).isEqualTo(403);
    }
    assertThat(api.core().credentials().apps(PageRequest.first(10)).total()).isZero();
  }

  @Test
  void disablesEnablesAndDeletesAnAppAndItsCredentialsFollow() {
    importPlatformCredentials();
    HttpApi deerer = deererClient("platform-app", PLATFORM_KEY);

    Reply disabled = api.asAdmin().post("/api/v1/apps/platform-app/disable", null);
    Reply whileDisabled = deererClient("platform-app", PLATFORM_KEY).get("/api/v1/balances/acme");
    Reply keyWhileDisabled = api.anonymous().with("Authorization", "Bearer " + PLATFORM_KEY).get("/api/v1/balances/acme");
    Reply enabled = api.asAdmin().post("/api/v1/apps/platform-app/enable", null);
    Reply whileEnabled = deerer.get("/api/v1/balances/acme");
    Reply deleted = api.asAdmin().delete("/api/v1/apps/platform-app");
    Reply afterDelete = api.anonymous().with("Authorization", "Bearer " + PLATFORM_KEY).get("/api/v1/balances/acme");

    assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
    assertThat(whileDisabled.status()).isEqualTo(401);
    assertThat(keyWhileDisabled.status()).isEqualTo(401);
    assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
    assertThat(whileEnabled.status()).as(whileEnabled.toString()).isEqualTo(200);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(afterDelete.status()).isEqualTo(401);
    assertThat(api.asAdmin().get("/api/v1/apps/platform-app").status()).isEqualTo(404);
    // an app of the same id made again does not bring the deleted app's keys back
    importLines("{\"type\": \"app\", \"app_id\": \"platform-app\", \"secret\": \"another-secret-1\"}");
    assertThat(api.anonymous().with("Authorization", "Bearer " + PLATFORM_KEY).get("/api/v1/balances/acme").status())
        .isEqualTo(401);
  }

  // --- import ------------------------------------------------------------------------------------

  @Test
  void importsThePlatformsAppsAndKeysSoThatItsClientsKeepWorking() {
    Reply imported = importPlatformCredentials();

    Reply deerer = deererClient("platform-app", PLATFORM_KEY).get("/api/v1/balances/acme");
    Reply deererOtherOrg = deererClient("platform-app", PLATFORM_KEY).get("/api/v1/balances/globex");
    Reply hmac = signedClient("shop-app", PLATFORM_SECRET + "-shop", "GET", "/api/v1/balances/acme").get("/api/v1/balances/acme");
    Reply hmacOtherOrg =
        signedClient("shop-app", PLATFORM_SECRET + "-shop", "GET", "/api/v1/balances/globex").get("/api/v1/balances/globex");
    Reply bearer = api.anonymous().with("Authorization", "Bearer " + HASHED_KEY).get("/api/v1/balances/globex");

    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    assertThat(imported.json().path("apps").asInt()).isEqualTo(2);
    assertThat(imported.json().path("keys").asInt()).isEqualTo(2);
    assertThat(deerer.status()).as(deerer.toString()).isEqualTo(200);
    assertThat(deererOtherOrg.status()).as("a service key inside an acme app's token").isEqualTo(403);
    assertThat(hmac.status()).as(hmac.toString()).isEqualTo(200);
    assertThat(hmacOtherOrg.status()).isEqualTo(403);
    assertThat(bearer.status()).as("a key imported as its SHA-256 (a service key)").isEqualTo(200);
  }

  @Test
  void importsAllOrNothingNamingTheLineOfARefusal() {
    Reply unknownApp =
        importLines(
            "{\"type\": \"app\", \"app_id\": \"a-1\", \"secret\": \"secret-one\"}\n"
                + "{\"type\": \"key\", \"key\": \"k-1\", \"role\": \"service\", \"app_id\": \"nope\"}\n");
    Reply blankLine =
        importLines("{\"type\": \"app\", \"app_id\": \"a-1\", \"secret\": \"secret-one\"}\n\n{\"type\": \"app\", \"app_id\": \"a-2\", \"secret\": \"s\"}");
    Reply unknownField = importLines("{\"type\": \"app\", \"app_id\": \"a-1\", \"secret\": \"s\", \"colour\": \"red\"}");
    Reply badRole = importLines("{\"type\": \"key\", \"key\": \"k-1\", \"role\": \"root\"}");
    Reply bothKeyForms =
        importLines("{\"type\": \"key\", \"key\": \"k-1\", \"key_sha256\": \"" + "a".repeat(64) + "\", \"role\": \"service\"}");
    importLines("{\"type\": \"app\", \"app_id\": \"a-1\", \"secret\": \"secret-one\"}");
    Reply existingApp =
        importLines(
            "{\"type\": \"app\", \"app_id\": \"a-2\", \"secret\": \"secret-two\"}\n"
                + "{\"type\": \"app\", \"app_id\": \"a-1\", \"secret\": \"secret-one\"}");

    assertProblem(unknownApp, 400, "item 2");
    assertProblem(blankLine, 400, "line 2");
    assertProblem(unknownField, 400, "line 1");
    assertProblem(badRole, 400, "line 1");
    assertProblem(bothKeyForms, 400, "line 1");
    assertProblem(existingApp, 409, "item 2");
    assertThat(api.core().credentials().apps(PageRequest.first(10)).items()).extracting(app -> app.appId()).containsExactly("a-1");
    for (Reply reply : new Reply[] {unknownApp, blankLine, unknownField, existingApp}) {
      assertThat(reply.body()).doesNotContain("secret-one").doesNotContain("secret-two");
    }
  }

  @Test
  void takesAnImportOnlyAsJsonLines() {
    Reply asJson = api.asAdmin().post("/api/v1/apps/import", "{\"type\": \"app\", \"app_id\": \"a-1\", \"secret\": \"s3\"}");

    assertThat(asJson.status()).isEqualTo(415);
    assertThat(asJson.code()).isEqualTo("unsupported_media_type");
    assertThat(api.core().credentials().apps(PageRequest.first(10)).total()).isZero();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * The platform's credentials: an app of acme and its service key, and a service app whose key
   * the platform keeps only as a SHA-256 (HMAC clients sign with the shop app's secret).
   */
  private Reply importPlatformCredentials() {
    String hashed = Hashing.sha256().hashString(HASHED_KEY, StandardCharsets.UTF_8).toString();
    return importLines(
        "{\"type\": \"app\", \"app_id\": \"platform-app\", \"name\": \"Platform\", \"secret\": \"" + PLATFORM_SECRET + "\","
            + " \"org_id\": \"acme\", \"allowed_ips\": \"127.0.0.1, 10.0.0.0/8\"}\n"
            + "{\"type\": \"key\", \"key\": \"" + PLATFORM_KEY + "\", \"role\": \"service\", \"app_id\": \"platform-app\"}\n"
            + "{\"type\": \"app\", \"app_id\": \"shop-app\", \"secret\": \"" + PLATFORM_SECRET + "-shop\", \"org_id\": \"acme\"}\n"
            + "{\"type\": \"key\", \"key_sha256\": \"" + hashed.toUpperCase(Locale.ROOT) + "\", \"role\": \"service\"}\n");
  }

  private Reply importLines(String lines) {
    return raw.send(
        "POST", "/api/v1/apps/import",
        Map.of("Authorization", "Bearer " + api.adminKey(), "Content-Type", "application/x-ndjson"),
        lines.getBytes(StandardCharsets.UTF_8));
  }

  private HttpApi deererClient(String appId, String key) {
    String time = api.clock().now().getEpochSecond() + "." + (++tokens);
    return api.anonymous()
        .with("Authorization", "Deerer " + appId + DeererToken.SEPARATOR + DeererToken.encrypt(PLATFORM_SECRET, time, key));
  }

  private HttpApi signedClient(String appId, String secret, String method, String path) {
    String timestamp = Long.toString(api.clock().now().getEpochSecond());
    String nonce = "n-" + (++tokens);
    SignedRequest request = new SignedRequest(method, path, Map.of(), timestamp, nonce, new byte[0]);
    return api.anonymous()
        .with(Authenticator.APP_HEADER, appId)
        .with(Authenticator.TIMESTAMP_HEADER, timestamp)
        .with(Authenticator.NONCE_HEADER, nonce)
        .with(Authenticator.SIGNATURE_HEADER, request.signature(secret));
  }

  private static void assertProblem(Reply reply, int status, String detailPart) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    assertThat(reply.json().path("detail").asText()).contains(detailPart);
  }
}
