package dev.tally.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Secret;
import java.time.Duration;
import java.util.List;

/**
 * How Tally signs its upstream requests ({@code uapi_sign}), with the credentials of each way. The
 * {@link #code() codes} are what {@code sync.signer.type} is set to. Every credential is an {@link
 * Secret}, so the {@code toString()} of a config shows none of them. Immutable.
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
  record Bearer(Secret key) implements SignerConfig {
    public Bearer {
      present(key, "bearer key");
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
  record Deerer(String appId, Secret appSecret, Secret apiKey) implements SignerConfig {
    public Deerer {
      appId = headerText(appId, "deerer app id");
      checkArgument(!appId.contains("-:-"), "deerer app id contains the separator '-:-'");
      present(appSecret, "deerer app secret");
      present(apiKey, "deerer api key");
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
  record HmacSha256(String appId, Secret secret) implements SignerConfig {
    public HmacSha256 {
      appId = headerText(appId, "hmac-sha256 app id");
      present(secret, "hmac-sha256 secret");
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
  record JwtHs256(String issuer, Secret secret, Duration ttl) implements SignerConfig {
    public JwtHs256 {
      issuer = headerText(issuer, "jwt-hs256 issuer");
      present(secret, "jwt-hs256 secret");
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

  /** A secret that signs something: refuses an empty one, which would sign nothing. */
  private static void present(Secret secret, String what) {
    checkNotNull(secret, what);
    checkArgument(!secret.isEmpty(), "%s is empty", what);
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
