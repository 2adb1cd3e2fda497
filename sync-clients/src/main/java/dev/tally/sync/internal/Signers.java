package dev.tally.sync.internal;

import dev.tally.sync.SignerConfig;
import java.util.Optional;

/** The signer a {@link SignerConfig} describes; none for {@code none}. */
final class Signers {
  private Signers() {}

  static Optional<RequestSigner> of(SignerConfig config) {
    if (config instanceof SignerConfig.Bearer bearer) {
      return Optional.of(new BearerSigner(bearer.key()));
    }
    if (config instanceof SignerConfig.Deerer deerer) {
      return Optional.of(new DeererSigner(deerer.appId(), deerer.appSecret(), deerer.apiKey()));
    }
    if (config instanceof SignerConfig.HmacSha256 hmac) {
      return Optional.of(new HmacSha256Signer(hmac.appId(), hmac.secret()));
    }
    if (config instanceof SignerConfig.JwtHs256 jwt) {
      return Optional.of(new JwtHs256Signer(jwt.issuer(), jwt.secret(), jwt.ttl()));
    }
    if (config instanceof SignerConfig.None) {
      return Optional.empty();
    }
    throw new IllegalArgumentException("unknown signer: " + config.code());
  }
}
