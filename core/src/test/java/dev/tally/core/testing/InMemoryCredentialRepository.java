package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.CredentialRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** API keys and apps in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemoryCredentialRepository implements CredentialRepository {
  private static final Comparator<ApiKey> NEWEST_FIRST =
      Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id).reversed();

  private final Table<String, ApiKey> keys;
  private final Table<String, String> keyIdsByHash;
  private final Table<String, ApiApp> apps;
  // until when each app's used nonce or Deerer token is remembered, by app id and hash
  private final Table<String, Instant> uses;

  InMemoryCredentialRepository(InMemoryStore store) {
    this.keys = new Table<>(store, "api key");
    this.keyIdsByHash = new Table<>(store, "api key hash");
    this.apps = new Table<>(store, "api app");
    this.uses = new Table<>(store, "used credential");
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
  public List<ApiKey> findKeysOfApp(String appId) {
    return keys.stream().filter(key -> key.appId().equals(Optional.of(appId))).sorted(NEWEST_FIRST).toList();
  }

  @Override
  public void insertApp(ApiApp app) {
    checkNotNull(app, "app");
    apps.insert(app.appId(), app);
  }

  @Override
  public void updateApp(ApiApp app) {
    checkNotNull(app, "app");
    apps.update(app.appId(), app);
  }

  @Override
  public boolean deleteApp(String appId) {
    return apps.delete(appId);
  }

  @Override
  public Optional<ApiApp> findApp(String appId) {
    return apps.find(appId);
  }

  @Override
  public Page<ApiApp> listApps(PageRequest page) {
    return Pages.of(
        apps.stream()
            .sorted(Comparator.comparing(ApiApp::createdAt).thenComparing(ApiApp::appId).reversed())
            .toList(),
        page);
  }

  @Override
  public boolean recordUse(String appId, String credentialHash, Instant now, Instant expiresAt) {
    String use = appId + "\n" + credentialHash;
    Optional<Instant> remembered = uses.find(use);
    if (remembered.isPresent() && remembered.get().isAfter(now)) {
      return false;
    }
    uses.put(use, expiresAt);
    return true;
  }

  @Override
  public int forgetUsesExpiredBy(Instant now) {
    List<String> expired =
        uses.keys().stream().filter(use -> !uses.find(use).orElseThrow().isAfter(now)).toList();
    expired.forEach(uses::delete);
    return expired.size();
  }
}
