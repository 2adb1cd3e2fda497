package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
import dev.tally.core.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * {@code Authorization: Bearer <JWT>}: a token per request, header {@code
 * {"alg":"HS256","typ":"JWT"}}, claims {@code {"iss":issuer,"iat":t,"exp":t+ttl}} in that order
 * (whole epoch seconds), each part compact JSON in base64url without padding, signed with
 * HMAC-SHA256 under the secret's UTF-8 bytes (RFC 7519).
 */
final class JwtHs256Signer implements RequestSigner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      BASE64URL.encodeToString(
          "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final String issuer;
  private final Secret secret;
  private final Duration ttl;

  JwtHs256Signer(String issuer, Secret secret, Duration ttl) {
    this.issuer = checkNotNull(issuer, "issuer");
    this.secret = checkNotNull(secret, "secret");
    this.ttl = checkNotNull(ttl, "ttl");
  }

  @Override
  public Map<String, String> sign(
      String method, HttpUrl url, byte[] body, Instant time, String nonce) {
    return ImmutableMap.of("Authorization", "Bearer " + token(time));
  }

  String token(Instant time) {
    long issuedAt = time.getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", issuer);
    claims.put("iat", issuedAt);
    claims.put("exp", issuedAt + ttl.getSeconds());
    String signingInput =
        HEADER + "." + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    byte[] signature =
        Hashing.hmacSha256(secret.reveal().getBytes(StandardCharsets.UTF_8))
            .hashString(signingInput, StandardCharsets.US_ASCII)
            .asBytes();
    return signingInput + "." + BASE64URL.encodeToString(signature);
  }

  @Override
  public String toString() {
    return "JwtHs256Signer[issuer=" + issuer + ", ttl=" + ttl + "]";
  }
}
