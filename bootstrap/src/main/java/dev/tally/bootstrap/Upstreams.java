package dev.tally.bootstrap;

import dev.tally.core.model.Secret;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.SyncEntity;
import dev.tally.sync.SignerConfig;
import dev.tally.sync.UpstreamClients;
import dev.tally.sync.UpstreamConfig;

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
            .withPageTimeout(sync.pageTimeout())
            .withMaxPageBytes(sync.maxPageBytes())
            .withSigner(signer(sync));
    for (SyncEntity entity : SyncEntity.values()) {
      config = config.withPath(entity, sync.entities().get(entity).path());
    }
    return UpstreamClients.gateway(config);
  }

  private static SignerConfig signer(SyncConfig sync) {
    return switch (sync.signer()) {
      case "bearer" -> new SignerConfig.Bearer(sync.apiKey());
      case "deerer" -> new SignerConfig.Deerer(sync.appId(), sync.appSecret(), sync.apiKey());
      case "hmac-sha256" -> new SignerConfig.HmacSha256(sync.appId(), sync.appSecret());
      case "jwt-hs256" -> new SignerConfig.JwtHs256(sync.jwtIssuer(), sync.jwtSecret(), sync.jwtTtl());
      default -> new SignerConfig.None();
    };
  }
}
