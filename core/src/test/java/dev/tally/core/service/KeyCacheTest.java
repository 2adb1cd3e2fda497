package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.Role;
import dev.tally.core.auth.SecretSealer;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.Issued;
import dev.tally.core.testing.TestTally;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A bearer key is authenticated from memory once seen, yet a revocation through this server stops
 * it at once, one through another server sharing the database within the cache's time to live,
 * and its expiry and app are checked on every request.
 */
class KeyCacheTest {
  private static final String ADDRESS = "198.51.100.4";

  private final TestTally tally =
      TestTally.create(CoreSettings.DEFAULTS.withSecretSealer(SecretSealer.withMasterKey("master")));
  private final Credentials credentials = tally.core().credentials();

  @Test
  void aCachedKeyRevokedThroughThisServerIsRefusedAtOnce() {
    Issued<ApiKey> key = credentials.createKey(serviceKey(Optional.empty(), Optional.empty()));
    credentials.authenticateKey(key.secret(), ADDRESS);

    credentials.revokeKey(key.issued().id());

    assertRefused(key.secret(), "revoked");
  }

  @Test
  void aCachedKeyRevokedThroughAnotherServerIsRefusedOnceItsEntryExpires() {
    Issued<ApiKey> key = credentials.createKey(serviceKey(Optional.empty(), Optional.empty()));
    credentials.authenticateKey(key.secret(), ADDRESS);

    tally.anotherServer("server-2").credentials().revokeKey(key.issued().id());
    Role stillServedFromMemory = credentials.authenticateKey(key.secret(), ADDRESS).role();
    tally.clock().advance(CoreSettings.KEY_CACHE_DEFAULTS.ttl().plusMillis(1));

    assertThat(stillServedFromMemory).isEqualTo(Role.SERVICE);
    assertRefused(key.secret(), "revoked");
  }

  @Test
  void aCachedKeyThatExpiresIsRefusedFromThatMomentOn() {
    Duration life = Duration.ofSeconds(2);
    Issued<ApiKey> key =
        credentials.createKey(
            serviceKey(Optional.empty(), Optional.of(tally.clock().now().plus(life))));
    credentials.authenticateKey(key.secret(), ADDRESS);

    tally.clock().advance(life);

    assertRefused(key.secret(), "not valid at this time");
  }

  @Test
  void theKeysOfAnAppDisabledThroughThisServerAreRefusedAtOnce() {
    Issued<ApiApp> app =
        credentials.createApp(new CreateApiApp("billing-bot", Optional.empty(), List.of()));
    Issued<ApiKey> key =
        credentials.createKey(serviceKey(Optional.of(app.issued().appId()), Optional.empty()));
    credentials.authenticateKey(key.secret(), ADDRESS);

    credentials.disableApp(app.issued().appId());

    assertRefused(key.secret(), "disabled");
  }

  @Test
  void anAddressOutsideTheAppsAllowlistIsRefusedAlsoWhenTheKeyIsCached() {
    Issued<ApiApp> app =
        credentials.createApp(
            new CreateApiApp("billing-bot", Optional.empty(), List.of(ADDRESS + "/32")));
    Issued<ApiKey> key =
        credentials.createKey(serviceKey(Optional.of(app.issued().appId()), Optional.empty()));
    credentials.authenticateKey(key.secret(), ADDRESS);

    assertThatThrownBy(() -> credentials.authenticateKey(key.secret(), "203.0.113.9"))
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  private static CreateApiKey serviceKey(Optional<String> appId, Optional<Instant> expiry) {
    return new CreateApiKey(Role.SERVICE, Optional.empty(), Optional.empty(), appId, expiry);
  }

  private void assertRefused(String key, String why) {
    assertThatThrownBy(() -> credentials.authenticateKey(key, ADDRESS))
        .isInstanceOfSatisfying(
            TallyException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
        .hasMessageContaining(why);
  }
}
