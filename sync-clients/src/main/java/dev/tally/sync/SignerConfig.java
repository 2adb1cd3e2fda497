package dev.tally.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.List;

/**
 * How Tally signs its upstream requests ({@code uapi_sign}), with the credentials of each way. The
 * {@link #code() codes} are what {@code sync.signer.type} is set to. Every credential is an {@link
 * UpstreamSecret}, so the {@code toString()} of a config shows none of them. Immutable.
 */
public sealed interface SignerConfig {

  /** The codes of the signers, as configured. */
  List<String> CODES = List.of("none", "bearer", "deerer", "hmac-sha256", "jwt-hs256");

  /** The name of this way of signing in the configuration. */
  String code();

  static SignerConfig none() {
    return new None();
  }

  /** Unsigned requests (an upstream on a trusted network). */
  record None() implements SignerConfig {
    @Override
    public String code() {
      return "none";
    }
  }

  /** {@code Authorization: Bearer <key>}: a static key. */
  record Bearer(UpstreamSecret key) implements SignerConfig {
    public Bearer {
      checkNotNull(key, "bearer key");
    }

    @Override
    public String code() {
      return "bearer";
    }
  }

  /**
   * {@code Authorization: Deerer <app_id>-:-<token>}: the platform's app-to-app token, the API key
   * and the time encrypted under the app secret (see {@link dev.tally.core.auth.DeererToken}).
   */
  record Deerer(String appId, UpstreamSecret appSecret, UpstreamSecret apiKey)
      implements SignerConfig {
    public Deerer {
      appId = headerText(appId, "deerer app id");
      checkArgument(!appId.contains("-:-"), "deerer app id contains the separator '-:-'");
      checkNotNull(appSecret, "deerer app secret");
      checkNotNull(apiKey, "deerer api key");
    }

    @Override
    public String code() {
      return "deerer";
    }
  }

  /**
   * {@code X-Tally-App}, {@code X-Tally-Timestamp}, {@code X-Tally-Nonce} and {@code
   * X-Tally-Signature}: the HMAC-SHA256 of the canonical request (see {@link
   * dev.tally.core.auth.SignedRequest}), the scheme Tally itself accepts.
   */
  record HmacSha256(String appId, UpstreamSecret secret) implements SignerConfig {
    public HmacSha256 {
      appId = headerText(appId, "hmac-sha256 app id");
      checkNotNull(secret, "hmac-sha256 secret");
    }

    @Override
    public String code() {
      return "hmac-sha256";
    }
  }

  /**
   * {@code Authorization: Bearer <JWT>}: a fresh HS256 token per request, claims {@code iss},
   * {@code iat} and {@code exp = iat + ttl}.
   */
  record JwtHs256(String issuer, UpstreamSecret secret, Duration ttl) implements SignerConfig {
    public JwtHs256 {
      issuer = headerText(issuer, "jwt-hs256 issuer");
      checkNotNull(secret, "jwt-hs256 secret");
      checkNotNull(ttl, "jwt-hs256 ttl");
      checkArgument(
          ttl.getSeconds() >= 1 && ttl.getNano() == 0,
          "jwt-hs256 ttl must be whole seconds, at least 1: %s",
          ttl);
    }

    @Override
    public String code() {
      return "jwt-hs256";
    }
  }

  private static String headerText(String value, String what) {
    checkNotNull(value, what);
    checkArgument(
        value.matches("[\\x21-\\x7e]{1,128}"),
        "%s must be 1 to 128 visible ASCII characters: '%s'",
        what,
        value);
    return value;
  }
}
