package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Secret;
import java.time.Duration;

/**
 * Access to the API ({@code security.*}).
 *
 * @param adminKey an admin API key made usable at start (at least 16 characters), so that a
 *     deployment can be driven without first creating a key; empty for none
 * @param masterKey seals app secrets at rest; needed to create or check apps (Deerer and HMAC)
 * @param timestampWindow how far a signed request's or Deerer token's time may be from the clock
 * @param authFailuresPerMinute failed authentications from one address before it gets 429
 * @param deererEnabled whether Deerer tokens are accepted (the platform's clients send them; HMAC
 *     is the safer scheme)
 * @param deererQueryParameter whether a Deerer token may come as the {@code deerer} query
 *     parameter, as the platform's jump-in page sends it
 */
public record SecurityConfig(
    Secret adminKey,
    Secret masterKey,
    Duration timestampWindow,
    int authFailuresPerMinute,
    boolean deererEnabled,
    boolean deererQueryParameter) {
  public SecurityConfig {
    checkNotNull(adminKey, "admin key");
    checkNotNull(masterKey, "master key");
    checkNotNull(timestampWindow, "timestamp window");
    checkArgument(authFailuresPerMinute > 0, "auth failures per minute is positive");
  }
}
