package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Role;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Issued;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.auth.Authenticator;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every credential the API accepts (Bearer, x-api-key, Deerer, HMAC-signed requests) and every way
 * one is refused, over a real socket. Each reply is checked, after the test, for any key, secret
 * or token the test presented: none may ever come back.
 */
class AuthApiTest {
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;
  private static final OrgId GLOBEX = OrgId.of("globex");
  private static final String ACME_BALANCE = "/api/v1/balances/acme";

  @RegisterExtension final ApiServer api = new ApiServer();

  private final List<String> secrets = new ArrayList<>();
  private final List<Reply> replies = new ArrayList<>();
  private int nonces;

  @BeforeEach
  void customersHaveBalances() {
    recharge(ACME, "10");
    recharge(GLOBEX, "5");
    secrets.add(api.adminKey());
  }

  @AfterEach
  void noReplyShowsAPresentedSecret() {
    for (Reply reply : replies) {
      for (String secret : secrets) {
        assertThat(reply.body()).as("a reply body shows a secret").doesNotContain(secret);
      }
    }
  }

  // --- keys -----------------------------------------------------------------------------------

  @Test
  void acceptsAKeyAsABearerToken() {
    Reply reply = seen(api.asCustomer().get(ACME_BALANCE));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("balance").asText()).isEqualTo("10.000000");
  }

  @Test
  void acceptsAKeyInTheXApiKeyHeader() {
    String key = secret(api.newKey(Role.CUSTOMER, Optional.of(ACME)));

    Reply reply = seen(api.anonymous().with("x-api-key", key).get(ACME_BALANCE));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("customer_id").asText()).isEqualTo("acme");
  }

  @Test
  void refusesARequestWithoutCredentials() {
    Reply reply = seen(api.anonymous().get(ACME_BALANCE));

    assertUnauthorized(reply);
    assertThat(reply.json().path("detail").asText()).contains("Bearer");
  }

  @Test
  void refusesAnUnknownKeyInEitherHeader() {
    String unknown = secret("tly_thisKeyWasNeverIssuedByThisServer000000");

    assertUnauthorized(seen(api.anonymous().with("Authorization", "Bearer " + unknown).get(ACME_BALANCE)));
    assertUnauthorized(seen(api.anonymous().with("x-api-key", unknown).get(ACME_BALANCE)));
  }

  @Test
  void refusesAnAuthorizationSchemeItDoesNotKnow() {
    String key = secret(api.newKey(Role.ADMIN, Optional.empty()));

    Reply reply = seen(api.anonymous().with("Authorization", "Basic " + key).get(ACME_BALANCE));

    assertUnauthorized(reply);
    assertThat(reply.json().path("detail").asText()).contains("basic");
  }

  @Test
  void refusesAKeyOnceItHasExpired() {
    Instant expiry = api.clock().now().plus(Duration.ofHours(1));
    String key =
        secret(
            api.core()
                .credentials()
                .createKey(
                    new CreateApiKey(
                        Role.CUSTOMER, Optional.of(ACME), Optional.empty(), Optional.empty(),
                        Optional.of(expiry)))
                .secret());
    HttpApi client = api.anonymous().with("Authorization", "Bearer " + key);
    assertThat(seen(client.get(ACME_BALANCE)).status()).isEqualTo(200);

    api.clock().advance(Duration.ofHours(2));
    Reply reply = seen(client.get(ACME_BALANCE));

    assertUnauthorized(reply);
    assertThat(reply.json().path("detail").asText()).contains("expired");
  }

  @Test
  void refusesARevokedKey() {
    Issued<ApiKey> issued =
        api.core()
            .credentials()
            .createKey(
                new CreateApiKey(
                    Role.CUSTOMER, Optional.of(ACME), Optional.empty(), Optional.empty(),
                    Optional.empty()));
    HttpApi client = api.anonymous().with("x-api-key", secret(issued.secret()));
    assertThat(seen(client.get(ACME_BALANCE)).status()).isEqualTo(200);

    api.core().credentials().revokeKey(issued.issued().id());
    Reply reply = seen(client.get(ACME_BALANCE));

    assertUnauthorized(reply);
    assertThat(reply.json().path("detail").asText()).contains("revoked");
  }

  // --- Deerer tokens ---------------------------------------------------------------------------

  @Test
  void acceptsADeererTokenWithAFractionalTimeAsThePlatformSendsIt() {
    Issued<ApiApp> app = app(List.of());
    String key = appKey(app, Role.CUSTOMER, Optional.of(ACME));
    String time = api.clock().now().getEpochSecond() + ".8731";

    Reply reply = seen(deerer(app.issued().appId(), app.secret(), time, key).get(ACME_BALANCE));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("balance").asText()).isEqualTo("10.000000");
  }

  @Test
  void refusesADeererTokenMadeUnderAnotherSecret() {
    Issued<ApiApp> app = app(List.of());
    String key = appKey(app, Role.CUSTOMER, Optional.of(ACME));
    String time = Long.toString(api.clock().now().getEpochSecond());

    Reply reply = seen(deerer(app.issued().appId(), "not-the-app-secret", time, key).get(ACME_BALANCE));

    assertUnauthorized(reply);
  }

  @Test
  void refusesADeererTokenWhoseTimeIsOutsideTheWindow() {
    Issued<ApiApp> app = app(List.of());
    String key = appKey(app, Role.CUSTOMER, Optional.of(ACME));
    long now = api.clock().now().getEpochSecond();

    Reply stale = seen(deerer(app.issued().appId(), app.secret(), Long.toString(now - 301), key).get(ACME_BALANCE));
    Reply early = seen(deerer(app.issued().appId(), app.secret(), Long.toString(now + 301), key).get(ACME_BALANCE));

    assertUnauthorized(stale);
    assertThat(stale.json().path("detail").asText()).contains("window");
    assertUnauthorized(early);
  }

  @Test
  void refusesADeererTokenOfAnUnknownAppOrOfAnotherAppsKey() {
    Issued<ApiApp> app = app(List.of());
    Issued<ApiApp> other = app(List.of());
    String othersKey = appKey(other, Role.CUSTOMER, Optional.of(ACME));
    String time = Long.toString(api.clock().now().getEpochSecond());

    assertUnauthorized(seen(deerer("no-such-app", app.secret(), time, othersKey).get(ACME_BALANCE)));
    assertUnauthorized(
        seen(deerer(app.issued().appId(), app.secret(), time, othersKey).get(ACME_BALANCE)));
    assertUnauthorized(
        seen(
            api.anonymous()
                .with("Authorization", "Deerer " + app.issued().appId() + "-:-not*base64")
                .get(ACME_BALANCE)));
  }

  // --- HMAC-signed requests --------------------------------------------------------------------

  @Test
  void acceptsASignedRequestWithItsQuery() {
    Issued<ApiApp> app = app(List.of());

    Reply reply =
        seen(signed(app, "GET", ACME_BALANCE, "?b=2&a=1&a=0", "", nonce(), now()).get(ACME_BALANCE + "?b=2&a=1&a=0"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("balance").asText()).isEqualTo("10.000000");
  }

  @Test
  void acceptsASignedRequestWithABody() {
    Issued<ApiApp> app = app(List.of());
    ProductResource llm = new MeteringSetup(api.core()).payPerUse("0.002", "0.001");
    String body =
        "{\"product_id\": \"" + llm.productId().value() + "\", \"user_id\": \"u-1\","
            + " \"user_org_id\": \"acme\", \"used_amount\": \"1000\", \"used_unit\": \"token\","
            + " \"source_ref_table\": \"calls\", \"source_ref_id\": \"c-1\"}";

    Reply reply = seen(signed(app, "POST", "/api/v1/usage", "", body, nonce(), now()).post("/api/v1/usage", body));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertBalance(ACME, "8.000000");
  }

  @Test
  void acceptsASignedRequestWithABodyAndThenAppliesTheRoleOfTheApp() {
    Issued<ApiApp> app = app(List.of());
    String body = "{\"amount\": \"1\"}";
    String path = "/api/v1/balances/acme/recharge";

    Reply reply = seen(signed(app, "POST", path, "", body, nonce(), now()).post(path, body));

    // the signature holds, so the request is authenticated as the app: a service, which may not
    // recharge
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("forbidden");
    assertBalance(ACME, "10.000000");
  }

  @Test
  void refusesASignedRequestReplayedWithTheSameNonce() {
    Issued<ApiApp> app = app(List.of());
    HttpApi client = signed(app, "GET", ACME_BALANCE, "", "", nonce(), now());
    assertThat(seen(client.get(ACME_BALANCE)).status()).isEqualTo(200);

    Reply replay = seen(client.get(ACME_BALANCE));

    assertUnauthorized(replay);
    assertThat(replay.json().path("detail").asText()).contains("nonce");
  }

  @Test
  void refusesASignedRequestWithAStaleTimestamp() {
    Issued<ApiApp> app = app(List.of());
    String stale = Long.toString(api.clock().now().getEpochSecond() - 301);
    String early = Long.toString(api.clock().now().getEpochSecond() + 301);

    Reply reply = seen(signed(app, "GET", ACME_BALANCE, "", "", nonce(), stale).get(ACME_BALANCE));

    assertUnauthorized(reply);
    assertThat(reply.json().path("detail").asText()).contains("window");
    assertUnauthorized(seen(signed(app, "GET", ACME_BALANCE, "", "", nonce(), early).get(ACME_BALANCE)));
  }

  @Test
  void refusesASignedRequestWhoseBodyWasChangedAfterSigning() {
    Issued<ApiApp> app = app(List.of());
    String path = "/api/v1/balances/acme/recharge";

    Reply reply =
        seen(
            signed(app, "POST", path, "", "{\"amount\": \"1\"}", nonce(), now())
                .post(path, "{\"amount\": \"1000\"}"));

    assertUnauthorized(reply);
    assertThat(reply.json().path("detail").asText()).contains("signature");
    assertBalance(ACME, "10.000000");
  }

  @Test
  void refusesASignedRequestWhosePathOrQueryWasChangedAfterSigning() {
    Issued<ApiApp> app = app(List.of());

    assertUnauthorized(
        seen(signed(app, "GET", ACME_BALANCE, "", "", nonce(), now()).get("/api/v1/balances/globex")));
    assertUnauthorized(
        seen(signed(app, "GET", ACME_BALANCE, "?a=1", "", nonce(), now()).get(ACME_BALANCE + "?a=2")));
  }

  @Test
  void refusesASignedRequestWithoutANonceOrWithAnUnknownApp() {
    Issued<ApiApp> app = app(List.of());
    String timestamp = now();
    String signature =
        new SignedRequest("GET", ACME_BALANCE, Map.of(), timestamp, "n-1", new byte[0])
            .signature(app.secret());

    Reply noNonce =
        seen(
            api.anonymous()
                .with(Authenticator.APP_HEADER, app.issued().appId())
                .with(Authenticator.TIMESTAMP_HEADER, timestamp)
                .with(Authenticator.SIGNATURE_HEADER, signature)
                .get(ACME_BALANCE));
    Reply unknownApp =
        seen(
            api.anonymous()
                .with(Authenticator.APP_HEADER, "no-such-app")
                .with(Authenticator.TIMESTAMP_HEADER, timestamp)
                .with(Authenticator.NONCE_HEADER, "n-1")
                .with(Authenticator.SIGNATURE_HEADER, signature)
                .get(ACME_BALANCE));

    assertUnauthorized(noNonce);
    assertThat(noNonce.json().path("detail").asText()).contains(Authenticator.NONCE_HEADER);
    assertUnauthorized(unknownApp);
  }

  // --- addresses, roles and orgs ---------------------------------------------------------------

  @Test
  void refusesEveryCredentialOfAnAppFromAnAddressOutsideItsAllowlist() {
    Issued<ApiApp> app = app(List.of("10.0.0.0/8"));
    String key = appKey(app, Role.CUSTOMER, Optional.of(ACME));
    String time = Long.toString(api.clock().now().getEpochSecond());

    Reply bearer = seen(api.anonymous().with("Authorization", "Bearer " + key).get(ACME_BALANCE));
    Reply deerer = seen(deerer(app.issued().appId(), app.secret(), time, key).get(ACME_BALANCE));
    Reply signed = seen(signed(app, "GET", ACME_BALANCE, "", "", nonce(), now()).get(ACME_BALANCE));

    for (Reply reply : List.of(bearer, deerer, signed)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
      assertThat(reply.code()).isEqualTo("forbidden");
      assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    }
  }

  @Test
  void acceptsAnAppsKeyFromAnAddressInsideItsAllowlist() {
    Issued<ApiApp> app = app(List.of("10.0.0.0/8", "127.0.0.0/8"));
    String key = appKey(app, Role.CUSTOMER, Optional.of(ACME));

    Reply reply = seen(api.anonymous().with("Authorization", "Bearer " + key).get(ACME_BALANCE));

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void keepsACustomerOutOfAnotherOrg() {
    Reply reply = seen(api.asCustomer().get("/api/v1/balances/globex"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("forbidden");
    assertThat(reply.json().path("detail").asText()).contains("globex");
  }

  @Test
  void keepsAnAppBoundToAnOrgOutOfAnotherOrg() {
    Issued<ApiApp> app =
        secretOf(api.core().credentials().createApp(new CreateApiApp("acme-app", Optional.of(ACME), List.of())));

    Reply own = seen(signed(app, "GET", ACME_BALANCE, "", "", nonce(), now()).get(ACME_BALANCE));
    Reply other =
        seen(signed(app, "GET", "/api/v1/balances/globex", "", "", nonce(), now()).get("/api/v1/balances/globex"));

    assertThat(own.status()).isEqualTo(200);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.code()).isEqualTo("forbidden");
  }

  @Test
  void refusesACustomerKeyOnAdminRoutesAndChangesNothing() {
    Reply list = seen(api.asCustomer().get("/api/v1/balances"));
    Reply recharge = seen(api.asCustomer().post("/api/v1/balances/acme/recharge", "{\"amount\": \"100\"}"));

    for (Reply reply : List.of(list, recharge)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
      assertThat(reply.code()).isEqualTo("forbidden");
      assertThat(reply.json().path("detail").asText()).contains("customer");
    }
    assertBalance(ACME, "10.000000");
  }

  @Test
  void refusesAServiceKeyOnAdminOnlyRoutes() {
    Reply reply = seen(api.asService().post("/api/v1/balances/acme/recharge", "{\"amount\": \"100\"}"));

    assertThat(reply.status()).isEqualTo(403);
    assertBalance(ACME, "10.000000");
  }

  @Test
  void servesHealthAndTheOpenApiDocumentWithoutCredentials() {
    Reply health = seen(api.anonymous().get("/api/v1/health"));
    Reply openApi = seen(api.anonymous().get("/api/v1/openapi.json"));

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("up");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.json().path("openapi").asText()).startsWith("3.");
  }

  @Test
  void servesHealthWithATrailingSlashWithoutCredentialsButNotOtherRoutes() {
    Reply health = seen(api.anonymous().get("/api/v1/health/"));
    Reply balance = seen(api.anonymous().get(ACME_BALANCE + "/"));

    assertThat(health.status()).isEqualTo(200);
    assertUnauthorized(balance);
  }

  @Test
  void answersEveryAuthFailureAsProblemJson() {
    Reply reply = seen(api.anonymous().get(ACME_BALANCE));

    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    assertThat(reply.json().path("status").asInt()).isEqualTo(401);
    assertThat(reply.json().path("instance").asText()).isEqualTo(ACME_BALANCE);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void recharge(OrgId org, String amount) {
    api.core()
        .balances()
        .recharge(new Recharge(org, Money.of(amount, Currency.CNY), Optional.empty(), ""));
  }

  private void assertBalance(OrgId org, String expected) {
    assertThat(api.core().balances().balance(org).balance().amount().toPlainString()).isEqualTo(expected);
  }

  private Reply seen(Reply reply) {
    replies.add(reply);
    return reply;
  }

  private String secret(String secret) {
    secrets.add(secret);
    return secret;
  }

  private Issued<ApiApp> secretOf(Issued<ApiApp> app) {
    secrets.add(app.secret());
    return app;
  }

  private Issued<ApiApp> app(List<String> allowedIps) {
    return secretOf(
        api.core()
            .credentials()
            .createApp(new CreateApiApp("partner", Optional.empty(), allowedIps)));
  }

  private String appKey(Issued<ApiApp> app, Role role, Optional<OrgId> org) {
    return secret(
        api.core()
            .credentials()
            .createKey(
                new CreateApiKey(
                    role, org, Optional.empty(), Optional.of(app.issued().appId()), Optional.empty()))
            .secret());
  }

  private HttpApi deerer(String appId, String appSecret, String time, String key) {
    String token = secret(DeererToken.encrypt(appSecret, time, key));
    return api.anonymous().with("Authorization", "Deerer " + appId + DeererToken.SEPARATOR + token);
  }

  /** A client sending the HMAC headers of a request signed over exactly these parts. */
  private HttpApi signed(
      Issued<ApiApp> app, String method, String path, String query, String body, String nonce, String timestamp) {
    SignedRequest request =
        new SignedRequest(
            method, path, queryMap(query), timestamp, nonce, body.getBytes(StandardCharsets.UTF_8));
    return api.anonymous()
        .with(Authenticator.APP_HEADER, app.issued().appId())
        .with(Authenticator.TIMESTAMP_HEADER, timestamp)
        .with(Authenticator.NONCE_HEADER, nonce)
        .with(Authenticator.SIGNATURE_HEADER, request.signature(app.secret()));
  }

  private static Map<String, List<String>> queryMap(String query) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return map;
    }
    for (String pair : query.substring(1).split("&")) {
      String[] parts = pair.split("=", 2);
      map.computeIfAbsent(parts[0], name -> new ArrayList<>()).add(parts[1]);
    }
    return map;
  }

  private String now() {
    return Long.toString(api.clock().now().getEpochSecond());
  }

  private String nonce() {
    return "nonce-" + (++nonces);
  }

  private static void assertUnauthorized(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("unauthorized");
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
  }
}
