package dev.tally.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answer produced independently with OpenSSL:
 *
 * <pre>
 * printf 'POST\n/api/v1/usage\na=1&amp;b=2&amp;b=3\n1732412345\nnonce-1\n%s' \
 *   "$(printf '{"x":1}' | sha256sum | cut -d' ' -f1)" | openssl dgst -sha256 -hmac 'app-secret-123'
 * </pre>
 */
class SignedRequestTest {
  private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTheCanonicalRequestAsTheOpensslReference() {
    SignedRequest request =
        new SignedRequest(
            "post",
            "/api/v1/usage",
            Map.of("b", List.of("3", "2"), "a", List.of("1")),
            "1732412345",
            "nonce-1",
            BODY);

    assertThat(request.canonical())
        .isEqualTo(
            "POST\n/api/v1/usage\na=1&b=2&b=3\n1732412345\nnonce-1\n"
                + "5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22");
    assertThat(request.signature("app-secret-123"))
        .isEqualTo("e16e8b9c497ae7735a152bb45fba4387933f351ddf49129a9a1c772617c60e6a");
  }

  @Test
  void changesTheSignatureWhenTheBodyChanges() {
    SignedRequest signed =
        new SignedRequest("POST", "/api/v1/usage", Map.of(), "1732412345", "n", BODY);
    SignedRequest altered =
        new SignedRequest(
            "POST", "/api/v1/usage", Map.of(), "1732412345", "n",
            "{\"x\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(altered.signature("s")).isNotEqualTo(signed.signature("s"));
  }
}
