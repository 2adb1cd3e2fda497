package dev.tally.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Known answers produced independently with OpenSSL, for {@code GET
 * http://upstream.example/users/changes?since=c-41&limit=2} at epoch second 1732412345 with nonce
 * {@code nonce-0001}:
 *
 * <pre>
 * # deerer: AES-256-ECB of "&lt;time&gt;:&lt;key&gt;" under the app secret padded with '*' to 32 bytes
 * printf '1732412345:tly_exampleKey0001' \
 *   | openssl enc -aes-256-ecb -K $(printf 'app-secret-123******************' | xxd -p -c 64) \
 *       -nosalt -base64 -A
 *
 * # hmac-sha256: the canonical request (method, path, sorted query, timestamp, nonce, SHA-256 of
 * # the empty body), one per line
 * printf 'GET\n/users/changes\nlimit=2&amp;since=c-41\n1732412345\nnonce-0001\n%s' \
 *   "$(printf '' | sha256sum | cut -d' ' -f1)" | openssl dgst -sha256 -hmac 'app-secret-123'
 *
 * # jwt-hs256
 * b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
 * header=$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | b64url)
 * payload=$(printf '%s' '{"iss":"tally","iat":1732412345,"exp":1732412645}' | b64url)
 * printf '%s' "$header.$payload" | openssl dgst -sha256 -hmac jwt-secret-456 -binary | b64url
 * </pre>
 */
class SignersTest {
  private static final HttpUrl URL =
      HttpUrl.get("http://upstream.example/users/changes?since=c-41&limit=2");
  private static final Instant TIME = Instant.ofEpochSecond(1_732_412_345L);
  private static final byte[] NO_BODY = new byte[0];
  private static final String NONCE = "nonce-0001";

  private static Map<String, String> sign(RequestSigner signer) {
    return signer.sign("GET", URL, NO_BODY, TIME, NONCE);
  }

  @Test
  void bearerAddsTheKey() {
    assertThat(sign(new BearerSigner(Secret.of("tly_exampleKey0001"))))
        .containsExactly(Map.entry("Authorization", "Bearer tly_exampleKey0001"));
  }

  @Test
  void deererEncryptsTheWholeEpochSecondAndTheKeyAsTheOpensslReference() {
    RequestSigner signer =
        new DeererSigner(
            "app-1", Secret.of("app-secret-123"), Secret.of("tly_exampleKey0001"));

    assertThat(sign(signer))
        .containsExactly(
            Map.entry(
                "Authorization", "Deerer app-1-:-a+3XocWqDnpHcERpD2+XeEcMUzcCl/H3RKDAi8IEjnE="));
  }

  @Test
  void hmacSha256SignsTheCanonicalRequestAsTheOpensslReference() {
    RequestSigner signer = new HmacSha256Signer("app-1", Secret.of("app-secret-123"));

    assertThat(sign(signer))
        .containsExactly(
            Map.entry("X-Tally-App", "app-1"),
            Map.entry("X-Tally-Timestamp", "1732412345"),
            Map.entry("X-Tally-Nonce", "nonce-0001"),
            Map.entry(
                "X-Tally-Signature",
                "b67672eebf698374680c9a00b94ac328782489c970dff9c4368a1b4763630e7d"));
  }

  @Test
  void hmacSha256SignsTheDecodedQueryAndTheBodyAsCoreDefinesThem() {
    HttpUrl url = HttpUrl.get("http://upstream.example/a%20b/feed?since=x%2By&limit=5&limit=1");
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    Map<String, String> headers =
        new HmacSha256Signer("app-1", Secret.of("s")).sign("POST", url, body, TIME, "n");

    SignedRequest expected =
        new SignedRequest(
            "POST",
            "/a%20b/feed",
            Map.of("since", List.of("x+y"), "limit", List.of("1", "5")),
            "1732412345",
            "n",
            body);
    assertThat(headers).containsEntry("X-Tally-Signature", expected.signature("s"));
  }

  @Test
  void jwtHs256MakesTheTokenOfTheOpensslReference() {
    RequestSigner signer =
        new JwtHs256Signer("tally", Secret.of("jwt-secret-456"), Duration.ofSeconds(300));

    assertThat(sign(signer))
        .containsExactly(
            Map.entry(
                "Authorization",
                "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                    + ".eyJpc3MiOiJ0YWxseSIsImlhdCI6MTczMjQxMjM0NSwiZXhwIjoxNzMyNDEyNjQ1fQ"
                    + ".v9k0ia4Zl_7vdJqyuj8qoTLHQevWgYH58TbtW4mMKCA"));
  }

  @Test
  void signersShowNoSecretInTheirText() {
    assertThat(
            List.of(
                new BearerSigner(Secret.of("k-secret")),
                new DeererSigner(
                    "app-1", Secret.of("s-secret"), Secret.of("k-secret")),
                new HmacSha256Signer("app-1", Secret.of("s-secret")),
                new JwtHs256Signer("tally", Secret.of("s-secret"), Duration.ofSeconds(60))))
        .allSatisfy(signer -> assertThat(signer.toString()).doesNotContain("k-secret", "s-secret"));
  }
}
