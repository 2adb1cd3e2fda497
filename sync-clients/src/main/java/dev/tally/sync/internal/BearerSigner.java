package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.model.Secret;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;

/** {@code Authorization: Bearer <key>}: the same static key on every request. */
final class BearerSigner implements RequestSigner {
  private final Secret key;

  BearerSigner(Secret key) {
    this.key = checkNotNull(key, "key");
  }

  @Override
  public Map<String, String> sign(
      String method, HttpUrl url, byte[] body, Instant time, String nonce) {
    return ImmutableMap.of("Authorization", "Bearer " + key.reveal());
  }

  @Override
  public String toString() {
    return "BearerSigner[key=" + key + "]";
  }
}
