package dev.tally.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.auth.DeererToken;
import dev.tally.core.model.Secret;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.SyncEntity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The headers each signer puts on a real request, {@code GET /users/changes?since=c-41&limit=2} at
 * epoch second 1732412345 with nonce {@code nonce-0001}, equal the known answers computed with
 * OpenSSL (the commands are in {@code dev.tally.sync.internal.SignersTest} and docs/sync.md).
 */
class UpstreamSigningTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void startUpstream() throws Exception {
    server.start();
  }

  @AfterEach
  void stopUpstream() {
    server.close();
  }

  private Headers headersSentWith(SignerConfig signer) throws InterruptedException {
    server.enqueue(Upstream.emptyPage());
    Upstream.gateway(Upstream.configFor(server).withSigner(signer))
        .fetch(SyncEntity.USERS, Optional.of("c-41"), 2);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/users/changes?since=c-41&limit=2");
    return request.getHeaders();
  }

  @Test
  void bearerSendsTheStaticKey() throws Exception {
    Headers headers =
        headersSentWith(new SignerConfig.Bearer(Secret.of("tly_exampleKey0001")));

    assertThat(headers.get("Authorization")).isEqualTo("Bearer tly_exampleKey0001");
  }

  @Test
  void deererSendsThePlatformTokenOfTheTimeAndKey() throws Exception {
    Headers headers =
        headersSentWith(
            new SignerConfig.Deerer(
                "app-1",
                Secret.of("app-secret-123"),
                Secret.of("tly_exampleKey0001")));

    assertThat(headers.get("Authorization"))
        .isEqualTo("Deerer app-1-:-a+3XocWqDnpHcERpD2+XeEcMUzcCl/H3RKDAi8IEjnE=");
    // and Tally's own server side reads it back
    DeererToken.Contents contents =
        DeererToken.decrypt("app-secret-123", "a+3XocWqDnpHcERpD2+XeEcMUzcCl/H3RKDAi8IEjnE=");
    assertThat(contents.apiKey()).isEqualTo("tly_exampleKey0001");
    assertThat(contents.issuedAt()).isEqualTo(Upstream.NOW);
  }

  @Test
  void hmacSha256SignsTheCanonicalRequest() throws Exception {
    Headers headers =
        headersSentWith(new SignerConfig.HmacSha256("app-1", Secret.of("app-secret-123")));

    assertThat(headers.get("X-Tally-App")).isEqualTo("app-1");
    assertThat(headers.get("X-Tally-Timestamp")).isEqualTo("1732412345");
    assertThat(headers.get("X-Tally-Nonce")).isEqualTo("nonce-0001");
    assertThat(headers.get("X-Tally-Signature"))
        .isEqualTo("b67672eebf698374680c9a00b94ac328782489c970dff9c4368a1b4763630e7d");
    assertThat(headers.get("Authorization")).isNull();
  }

  @Test
  void jwtHs256SendsAFreshTokenAsBearer() throws Exception {
    Headers headers =
        headersSentWith(
            new SignerConfig.JwtHs256(
                "tally", Secret.of("jwt-secret-456"), Duration.ofSeconds(300)));

    assertThat(headers.get("Authorization"))
        .isEqualTo(
            "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                + ".eyJpc3MiOiJ0YWxseSIsImlhdCI6MTczMjQxMjM0NSwiZXhwIjoxNzMyNDEyNjQ1fQ"
                + ".v9k0ia4Zl_7vdJqyuj8qoTLHQevWgYH58TbtW4mMKCA");
  }

  @Test
  void signsEveryRequestWithANonceOfItsOwn() throws Exception {
    AtomicInteger counter = new AtomicInteger();
    UpstreamGateway gateway =
        UpstreamClients.gateway(
            Upstream.configFor(server)
                .withSigner(new SignerConfig.HmacSha256("app-1", Secret.of("s"))),
            Upstream.CLOCK,
            () -> "nonce-" + counter.incrementAndGet());
    server.enqueue(Upstream.emptyPage());
    server.enqueue(Upstream.emptyPage());

    gateway.fetch(SyncEntity.PRICING, Optional.empty(), 10);
    gateway.fetch(SyncEntity.PRICING, Optional.empty(), 10);

    assertThat(server.takeRequest().getHeaders().get("X-Tally-Nonce")).isEqualTo("nonce-1");
    assertThat(server.takeRequest().getHeaders().get("X-Tally-Nonce")).isEqualTo("nonce-2");
  }

  @Test
  void noneSendsNoCredential() throws Exception {
    Headers headers = headersSentWith(SignerConfig.none());

    assertThat(headers.get("Authorization")).isNull();
    assertThat(headers.get("X-Tally-Signature")).isNull();
  }
}
