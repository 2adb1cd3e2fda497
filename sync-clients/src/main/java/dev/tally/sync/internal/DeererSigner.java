package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.model.Secret;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * {@code Authorization: Deerer <app_id>-:-<token>}, the platform's app-to-app token made with
 * core's {@link DeererToken}, the same code that reads it on Tally's side. The time inside is whole
 * epoch seconds ({@code 1732412345}): the platform's readers also accept the fractional form its
 * Python clients send, and a whole number leaves nothing to round.
 */
final class DeererSigner implements RequestSigner {
  private final String appId;
  private final Secret appSecret;
  private final Secret apiKey;

  DeererSigner(String appId, Secret appSecret, Secret apiKey) {
    this.appId = checkNotNull(appId, "app id");
    this.appSecret = checkNotNull(appSecret, "app secret");
    this.apiKey = checkNotNull(apiKey, "api key");
  }

  @Override
  public Map<String, String> sign(
      String method, HttpUrl url, byte[] body, Instant time, String nonce) {
    String token =
        DeererToken.encrypt(
            appSecret.reveal(), Long.toString(time.getEpochSecond()), apiKey.reveal());
    return ImmutableMap.of(
        "Authorization", DeererToken.SCHEME + " " + appId + DeererToken.SEPARATOR + token);
  }

  @Override
  public String toString() {
    return "DeererSigner[appId=" + appId + "]";
  }
}
