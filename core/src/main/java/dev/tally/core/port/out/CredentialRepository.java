package dev.tally.core.port.out;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores API keys ({@code api_key}), calling applications ({@code api_app}) and the nonces and
 * Deerer tokens apps have used ({@code api_used_credential}), so that every server of a cluster
 * refuses a replay.
 */
public interface CredentialRepository {
  void insertKey(ApiKey key);

  void updateKey(ApiKey key);

  Optional<ApiKey> findKey(String id);

  /** The key whose SHA-256 is {@code keyHash} (unique). */
  Optional<ApiKey> findKeyByHash(String keyHash);

  /** Keys, newest first. */
  Page<ApiKey> listKeys(PageRequest page);

  /** The keys of an app, newest first. */
  List<ApiKey> findKeysOfApp(String appId);

  void insertApp(ApiApp app);

  /** Changes what may change of an app (its name, allowlist, org, whether it is enabled). */
  void updateApp(ApiApp app);

  /** Removes an app; false when there was none. */
  boolean deleteApp(String appId);

  Optional<ApiApp> findApp(String appId);

  /** Apps, newest first. */
  Page<ApiApp> listApps(PageRequest page);

  /**
   * Records that an app's nonce or Deerer token ({@code credentialHash}, unique per app) was
   * used, to be remembered until {@code expiresAt}; false when it was used before and is still
   * remembered at {@code now} (a replay). Two units of work that record the same use at once:
   * one succeeds, the other fails or, retried, gets false.
   */
  boolean recordUse(String appId, String credentialHash, Instant now, Instant expiresAt);

  /** Forgets the uses remembered until {@code now} or earlier; returns how many. */
  int forgetUsesExpiredBy(Instant now);
}
