package dev.tally.bootstrap;

import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.SyncEntity;
import dev.tally.sync.SignerConfig;
import dev.tally.sync.UpstreamClients;
import dev.tally.sync.UpstreamConfig;
import dev.tally.sync.UpstreamSecret;

/** Builds the upstream gateway of the sync configuration. */
final class Upstreams {
  private Upstreams() {}

  static UpstreamGateway gateway(SyncConfig sync) {
    if (!sync.isConfigured()) {
      return UpstreamGateway.unconfigured();
    }
    UpstreamConfig config =
        UpstreamConfig.of(sync.baseUrl().get())
            .withTimeouts(UpstreamConfig.DEFAULT_CONNECT_TIMEOUT, sync.timeout())
            .withSigner(signer(sync));
    for (SyncEntity entity : SyncEntity.values()) {
      config = config.withPath(entity, sync.entities().get(entity).path());
    }
    return UpstreamClients.gateway(config);
  }

  private static SignerConfig signer(SyncConfig sync) {
    return switch (sync.signer()) {
      case "bearer" -> new SignerConfig.Bearer(secret(sync.apiKey()));
      case "deerer" ->
          new SignerConfig.Deerer(sync.appId(), secret(sync.appSecret()), secret(sync.apiKey()));
      case "hmac-sha256" -> new SignerConfig.HmacSha256(sync.appId(), secret(sync.appSecret()));
      case "jwt-hs256" ->
          new SignerConfig.JwtHs256(sync.jwtIssuer(), secret(sync.jwtSecret()), sync.jwtTtl());
      default -> new SignerConfig.None();
    };
  }

  private static UpstreamSecret secret(Secret secret) {
    return UpstreamSecret.of(secret.reveal());
  }
}
