package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * {@code X-Tally-App}, {@code X-Tally-Timestamp}, {@code X-Tally-Nonce}, {@code X-Tally-Signature}:
 * core's {@link SignedRequest}, the definition Tally checks incoming requests with, over the
 * method, the path as sent (percent-encoded), the query parameters decoded and sorted, the
 * timestamp in whole epoch seconds, the nonce and the SHA-256 of the body.
 */
final class HmacSha256Signer implements RequestSigner {
  private final String appId;
  private final Secret secret;

  HmacSha256Signer(String appId, Secret secret) {
    this.appId = checkNotNull(appId, "app id");
    this.secret = checkNotNull(secret, "secret");
  }

  @Override
  public Map<String, String> sign(
      String method, HttpUrl url, byte[] body, Instant time, String nonce) {
    String timestamp = Long.toString(time.getEpochSecond());
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(
          name,
          url.queryParameterValues(name).stream()
              .map(value -> value == null ? "" : value)
              .toList());
    }
    SignedRequest request =
        new SignedRequest(method, url.encodedPath(), query, timestamp, nonce, body);
    return ImmutableMap.of(
        "X-Tally-App", appId,
        "X-Tally-Timestamp", timestamp,
        "X-Tally-Nonce", nonce,
        "X-Tally-Signature", request.signature(secret.reveal()));
  }

  @Override
  public String toString() {
    return "HmacSha256Signer[appId=" + appId + "]";
  }
}
