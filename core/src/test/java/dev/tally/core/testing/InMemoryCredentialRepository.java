package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.CredentialRepository;
import java.util.Comparator;
import java.util.Optional;

/** API keys and apps in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemoryCredentialRepository implements CredentialRepository {
  private static final Comparator<ApiKey> NEWEST_FIRST =
      Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id).reversed();

  private final Table<String, ApiKey> keys;
  private final Table<String, String> keyIdsByHash;
  private final Table<String, ApiApp> apps;

  InMemoryCredentialRepository(InMemoryStore store) {
    this.keys = new Table<>(store, "api key");
    this.keyIdsByHash = new Table<>(store, "api key hash");
    this.apps = new Table<>(store, "api app");
  }

  @Override
  public void insertKey(ApiKey key) {
    checkNotNull(key, "key");
    checkState(!keyIdsByHash.contains(key.keyHash()), "duplicate api key hash");
    keys.insert(key.id(), key);
    keyIdsByHash.insert(key.keyHash(), key.id());
  }

  @Override
  public void updateKey(ApiKey key) {
    checkNotNull(key, "key");
    ApiKey stored = keys.find(key.id()).orElseThrow(() -> new IllegalStateException("no api key to update: " + key.id()));
    checkState(stored.keyHash().equals(key.keyHash()), "a key's hash never changes");
    keys.update(key.id(), key);
  }

  @Override
  public Optional<ApiKey> findKey(String id) {
    return keys.find(id);
  }

  @Override
  public Optional<ApiKey> findKeyByHash(String keyHash) {
    return keyIdsByHash.find(keyHash).flatMap(keys::find);
  }

  @Override
  public Page<ApiKey> listKeys(PageRequest page) {
    return Pages.of(keys.stream().sorted(NEWEST_FIRST).toList(), page);
  }

  @Override
  public void insertApp(ApiApp app) {
    checkNotNull(app, "app");
    apps.insert(app.appId(), app);
  }

  @Override
  public Optional<ApiApp> findApp(String appId) {
    return apps.find(appId);
  }
}
