package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An HMAC-signed request ({@code X-Tally-App}, {@code X-Tally-Timestamp}, {@code X-Tally-Nonce},
 * {@code X-Tally-Signature}). The signature is the hex HMAC-SHA256, under the app secret, of the
 * canonical request: the method, the path, the query sorted by name then value, the timestamp
 * (epoch seconds), the nonce and the hex SHA-256 of the body, one per line. The same text signs
 * Tally's own upstream calls.
 */
public record SignedRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    String timestamp,
    String nonce,
    byte[] body) {

  public SignedRequest {
    checkNotNull(method, "method");
    checkNotNull(path, "path");
    query = Map.copyOf(query);
    checkNotNull(timestamp, "timestamp");
    checkNotNull(nonce, "nonce");
    checkNotNull(body, "body");
  }

  /** The text that is signed. */
  public String canonical() {
    String sortedQuery =
        new TreeMap<>(query)
            .entrySet().stream()
                .flatMap(
                    entry -> entry.getValue().stream().sorted().map(value -> entry.getKey() + "=" + value))
                .collect(Collectors.joining("&"));
    return String.join(
        "\n",
        method.toUpperCase(Locale.ROOT),
        path,
        sortedQuery,
        timestamp,
        nonce,
        Hashing.sha256().hashBytes(body).toString());
  }

  /** The hex HMAC-SHA256 of the canonical text under {@code secret}. */
  public String signature(String secret) {
    return Hashing.hmacSha256(secret.getBytes(StandardCharsets.UTF_8))
        .hashString(canonical(), StandardCharsets.UTF_8)
        .toString();
  }

  /** The timestamp as an instant; fails when it is not whole epoch seconds. */
  public Instant timestampInstant() {
    if (!timestamp.matches("\\d{1,12}")) {
      throw new IllegalArgumentException("X-Tally-Timestamp is not epoch seconds");
    }
    return Instant.ofEpochSecond(Long.parseLong(timestamp));
  }
}
