package dev.tally.core.port.out;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Optional;

/** Stores API keys ({@code api_key}) and calling applications ({@code api_app}). */
public interface CredentialRepository {
  void insertKey(ApiKey key);

  void updateKey(ApiKey key);

  Optional<ApiKey> findKey(String id);

  /** The key whose SHA-256 is {@code keyHash} (unique). */
  Optional<ApiKey> findKeyByHash(String keyHash);

  /** Keys, newest first. */
  Page<ApiKey> listKeys(PageRequest page);

  void insertApp(ApiApp app);

  Optional<ApiApp> findApp(String appId);
}
