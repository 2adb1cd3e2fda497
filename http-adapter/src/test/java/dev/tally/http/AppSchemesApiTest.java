package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Role;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Issued;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.auth.Authenticator;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One rule for every scheme that names an app, tested with the same cases for Deerer tokens and
 * HMAC-signed requests side by side: the app decides. An app without an org acts as a service (so
 * never as an admin, whatever key a Deerer token carries), an app of an org as that org's customer;
 * and each token or nonce is accepted once.
 */
class AppSchemesApiTest {
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;
  private static final String RECHARGE_ACME = "/api/v1/balances/acme/recharge";

  @RegisterExtension final ApiServer api = new ApiServer();

  private final AtomicInteger nonces = new AtomicInteger();

  /** How a request names its app. */
  enum Scheme {
    DEERER,
    HMAC
  }

  @BeforeEach
  void customersHaveBalances() {
    recharge(ACME, "10");
    recharge(OrgId.of("globex"), "5");
  }

  // --- an app without an org: a service --------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void anAppWithoutAnOrgMayNotDoWhatOnlyAnAdminMayEvenWithAnAdminKeyInside(Scheme scheme) {
    Issued<ApiApp> app = app(Optional.empty());

    Reply recharge = as(scheme, app, Role.ADMIN, Optional.empty(), "POST", RECHARGE_ACME, "{\"amount\": \"100\"}");

    assertThat(recharge.status()).as(recharge.toString()).isEqualTo(403);
    assertThat(recharge.code()).isEqualTo("forbidden");
    assertThat(recharge.json().path("detail").asText()).contains("service");
    assertBalance(ACME, "10.0000");
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void anAppWithoutAnOrgReadsEveryOrgAsAService(Scheme scheme) {
    Issued<ApiApp> app = app(Optional.empty());

    Reply acme = as(scheme, app, Role.ADMIN, Optional.empty(), "GET", "/api/v1/balances/acme", "");
    Reply globex = as(scheme, app, Role.SERVICE, Optional.empty(), "GET", "/api/v1/balances/globex", "");

    assertThat(acme.status()).as(acme.toString()).isEqualTo(200);
    assertThat(globex.status()).as(globex.toString()).isEqualTo(200);
  }

  // --- an app of an org: that org's customer ---------------------------------------------------

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void anAppOfAnOrgActsAsThatOrgsCustomerWhateverKeyIsInside(Scheme scheme) {
    Issued<ApiApp> app = app(Optional.of(ACME));

    Reply own = as(scheme, app, Role.SERVICE, Optional.empty(), "GET", "/api/v1/balances/acme", "");
    Reply other = as(scheme, app, Role.SERVICE, Optional.empty(), "GET", "/api/v1/balances/globex", "");
    Reply list = as(scheme, app, Role.ADMIN, Optional.empty(), "GET", "/api/v1/balances", "");
    Reply recharge = as(scheme, app, Role.ADMIN, Optional.empty(), "POST", RECHARGE_ACME, "{\"amount\": \"1\"}");

    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    for (Reply refused : List.of(other, list, recharge)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("forbidden");
    }
    assertBalance(ACME, "10.0000");
  }

  @Test
  void anAppOfAnOrgRefusesADeererTokenCarryingAnotherOrgsCustomerKey() {
    Issued<ApiApp> app = app(Optional.of(ACME));
    String globexKey = key(app, Role.CUSTOMER, Optional.of(OrgId.of("globex")));

    Reply reply = deerer(app, now(), globexKey).get("/api/v1/balances/globex");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
    assertThat(reply.json().path("detail").asText()).contains("globex").contains("acme");
  }

  @Test
  void aServiceAppCarryingACustomerKeyIsThatCustomer() {
    Issued<ApiApp> app = app(Optional.empty());
    String acmeKey = key(app, Role.CUSTOMER, Optional.of(ACME));

    Reply own = deerer(app, now(), acmeKey).get("/api/v1/balances/acme");
    Reply other = deerer(app, now() + ".5", acmeKey).get("/api/v1/balances/globex");

    assertThat(own.status()).isEqualTo(200);
    assertThat(other.status()).isEqualTo(403);
  }

  // --- splicing and replay -----------------------------------------------------------------------

  /**
   * AES-ECB lets the first block of a fresh token (its 16-byte time) be pasted onto an hour-old
   * token of the same app: the result decrypts to the fresh time and the old key. It passes the
   * time window, so what it may do is only ever what its app may do.
   */
  @Test
  void aSplicedDeererTokenGrantsNoMoreThanItsApp() {
    Issued<ApiApp> app = app(Optional.empty());
    String adminKey = key(app, Role.ADMIN, Optional.empty());
    String serviceKey = key(app, Role.SERVICE, Optional.empty());
    long now = api.clock().now().getEpochSecond();
    byte[] old = Base64.getDecoder().decode(DeererToken.encrypt(app.secret(), (now - 3600) + ".1234", adminKey));
    byte[] fresh = Base64.getDecoder().decode(DeererToken.encrypt(app.secret(), now + ".1234", serviceKey));
    System.arraycopy(fresh, 0, old, 0, 16);
    String spliced = Base64.getEncoder().encodeToString(old);
    HttpApi client =
        api.anonymous().with("Authorization", "Deerer " + app.issued().appId() + DeererToken.SEPARATOR + spliced);

    Reply admin = client.post(RECHARGE_ACME, "{\"amount\": \"100\"}");

    assertThat(admin.status()).as(admin.toString()).isEqualTo(403);
    assertBalance(ACME, "10.0000");
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void acceptsATokenOrANonceOnceWithinItsWindow(Scheme scheme) {
    Issued<ApiApp> app = app(Optional.empty());
    String key = key(app, Role.SERVICE, Optional.empty());
    String path = "/api/v1/balances/acme";
    HttpApi client =
        scheme == Scheme.DEERER
            ? deerer(app, now() + ".25", key)
            : signed(app, "GET", path, "", "nonce-" + nonces.incrementAndGet());

    Reply first = client.get(path);
    Reply replayed = client.get(path);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(401);
    assertThat(replayed.json().path("detail").asText()).contains("used before");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * A request of {@code app}: a Deerer token carrying a fresh key of {@code keyRole}, or an HMAC
   * signature (which carries no key).
   */
  private Reply as(
      Scheme scheme, Issued<ApiApp> app, Role keyRole, Optional<OrgId> keyOrg, String method, String path, String body) {
    HttpApi client =
        switch (scheme) {
          case DEERER -> deerer(app, now() + "." + nonces.incrementAndGet(), key(app, keyRole, keyOrg));
          case HMAC -> signed(app, method, path, body, "nonce-" + nonces.incrementAndGet());
        };
    return client.send(method, path, body.isEmpty() ? null : body);
  }

  private Issued<ApiApp> app(Optional<OrgId> org) {
    return api.core().credentials().createApp(new CreateApiApp("partner", org, List.of()));
  }

  private String key(Issued<ApiApp> app, Role role, Optional<OrgId> org) {
    return api.core()
        .credentials()
        .createKey(new CreateApiKey(role, org, Optional.empty(), Optional.of(app.issued().appId()), Optional.empty()))
        .secret();
  }

  private HttpApi deerer(Issued<ApiApp> app, String time, String key) {
    return api.anonymous()
        .with("Authorization", "Deerer " + app.issued().appId() + DeererToken.SEPARATOR + DeererToken.encrypt(app.secret(), time, key));
  }

  private HttpApi signed(Issued<ApiApp> app, String method, String path, String body, String nonce) {
    String timestamp = now();
    SignedRequest request =
        new SignedRequest(method, path, Map.of(), timestamp, nonce, body.getBytes(StandardCharsets.UTF_8));
    return api.anonymous()
        .with(Authenticator.APP_HEADER, app.issued().appId())
        .with(Authenticator.TIMESTAMP_HEADER, timestamp)
        .with(Authenticator.NONCE_HEADER, nonce)
        .with(Authenticator.SIGNATURE_HEADER, request.signature(app.secret()));
  }

  private String now() {
    Instant now = api.clock().now();
    return Long.toString(now.getEpochSecond());
  }

  private void recharge(OrgId org, String amount) {
    api.core().balances().recharge(new Recharge(org, Money.of(amount, Currency.CNY), Optional.empty(), ""));
  }

  private void assertBalance(OrgId org, String expected) {
    assertThat(api.core().balances().balance(org).balance().amount()).isEqualByComparingTo(expected);
  }
}
