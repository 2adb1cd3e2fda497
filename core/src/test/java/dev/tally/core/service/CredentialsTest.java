package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.auth.SecretSealer;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.Issued;
import dev.tally.core.testing.FakeClock;
import dev.tally.core.testing.InMemoryStore;
import dev.tally.core.testing.SequentialIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final String ADDRESS = "198.51.100.4";
  private static final OrgId ACME = OrgId.of("acme");

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final InMemoryStore store = new InMemoryStore();
  private final Credentials credentials =
      new TallyCore(
              store,
              clock,
              new SequentialIds(),
              CoreSettings.DEFAULTS.withSecretSealer(SecretSealer.withMasterKey("master")))
          .credentials();

  @Test
  void storesOnlyTheHashOfAKeyAndShowsTheKeyOnce() {
    Issued<ApiKey> issued = credentials.createKey(serviceKey());

    assertThat(issued.secret()).startsWith("tly_").hasSizeGreaterThan(40);
    assertThat(issued.issued().keyHash()).isEqualTo(CredentialService.hashOf(issued.secret()));
    assertThat(issued.toString()).doesNotContain(issued.secret());
    assertThat(issued.issued().toString()).doesNotContain(issued.issued().keyHash());
    assertThat(credentials.keys(PageRequest.firstPage()).items()).containsExactly(issued.issued());
  }

  @Test
  void authenticatesAKeyAsItsRoleAndOrg() {
    Issued<ApiKey> customer =
        credentials.createKey(
            new CreateApiKey(
                Role.CUSTOMER, Optional.of(ACME), Optional.empty(), Optional.empty(), Optional.empty()));

    Principal principal = credentials.authenticateKey(customer.secret(), ADDRESS);

    assertThat(principal.role()).isEqualTo(Role.CUSTOMER);
    assertThat(principal.mayRead(ACME)).isTrue();
    assertThat(principal.mayRead(OrgId.of("globex"))).isFalse();
  }

  @Test
  void refusesUnknownRevokedAndExpiredKeys() {
    Issued<ApiKey> expiring =
        credentials.createKey(
            new CreateApiKey(
                Role.SERVICE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(clock.now().plus(Duration.ofHours(1)))));
    Issued<ApiKey> revoked = credentials.createKey(serviceKey());
    credentials.revokeKey(revoked.issued().id());

    assertRefused(() -> credentials.authenticateKey("tly_unknown", ADDRESS), "not known");
    assertRefused(() -> credentials.authenticateKey(revoked.secret(), ADDRESS), "revoked");
    assertThat(credentials.authenticateKey(expiring.secret(), ADDRESS).role()).isEqualTo(Role.SERVICE);
    clock.advance(Duration.ofHours(1));
    assertRefused(() -> credentials.authenticateKey(expiring.secret(), ADDRESS), "expired");
  }

  @Test
  void ensuresTheConfiguredAdminKeyOnce() {
    ApiKey first = credentials.ensureAdminKey("admin-key-from-config");
    ApiKey second = credentials.ensureAdminKey("admin-key-from-config");

    assertThat(second).isEqualTo(first);
    assertThat(credentials.authenticateKey("admin-key-from-config", ADDRESS).role())
        .isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> credentials.ensureAdminKey("short"))
        .isInstanceOf(TallyException.class);
  }

  @Test
  void checksADeererTokenOfAnAppAndTheKeyInside() {
    Issued<ApiApp> app = credentials.createApp(new CreateApiApp("billing-bot", Optional.empty(), List.of()));
    Issued<ApiKey> key = credentials.createKey(serviceKey());
    String token = DeererToken.encrypt(app.secret(), epochSeconds(clock.now()) + ".25", key.secret());

    Principal principal = credentials.authenticateDeerer(app.issued().appId(), token, ADDRESS);

    assertThat(principal.role()).isEqualTo(Role.SERVICE);
    assertThat(app.issued().sealedSecret()).doesNotContain(app.secret());
    String underWrongSecret = DeererToken.encrypt("wrong", epochSeconds(clock.now()), key.secret());
    assertRefused(
        () -> credentials.authenticateDeerer(app.issued().appId(), underWrongSecret, ADDRESS),
        "not valid");
    String stale =
        DeererToken.encrypt(app.secret(), epochSeconds(clock.now().minusSeconds(301)), key.secret());
    assertRefused(
        () -> credentials.authenticateDeerer(app.issued().appId(), stale, ADDRESS), "window");
  }

  @Test
  void checksAnHmacSignedRequestAndItsTimestampWindow() {
    Issued<ApiApp> app =
        credentials.createApp(new CreateApiApp("shop", Optional.of(ACME), List.of("198.51.100.0/24")));
    SignedRequest request =
        new SignedRequest(
            "GET", "/api/v1/balances/acme", Map.of(), epochSeconds(clock.now()), "n-1", new byte[0]);
    String signature = request.signature(app.secret());

    Principal principal =
        credentials.authenticateSigned(app.issued().appId(), request, signature, ADDRESS);

    assertThat(principal.role()).isEqualTo(Role.CUSTOMER);
    assertThat(principal.orgId()).contains(ACME);
    assertRefused(
        () -> credentials.authenticateSigned(app.issued().appId(), request, "0".repeat(64), ADDRESS),
        "signature");
    assertThatThrownBy(
            () -> credentials.authenticateSigned(app.issued().appId(), request, signature, "192.0.2.1"))
        .isInstanceOfSatisfying(
            TallyException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
    clock.advance(Duration.ofSeconds(301));
    assertRefused(
        () -> credentials.authenticateSigned(app.issued().appId(), request, signature, ADDRESS),
        "window");
  }

  @Test
  void refusesToMakeAnAppWithoutAMasterKey() {
    Credentials withoutMasterKey =
        new TallyCore(new InMemoryStore(), clock, new SequentialIds(), CoreSettings.DEFAULTS)
            .credentials();

    assertThatThrownBy(
            () -> withoutMasterKey.createApp(new CreateApiApp("x", Optional.empty(), List.of())))
        .hasMessageContaining("security.master_key");
  }

  private static CreateApiKey serviceKey() {
    return new CreateApiKey(
        Role.SERVICE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static String epochSeconds(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  private static void assertRefused(Runnable call, String why) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
        .hasMessageContaining(why);
  }
}
