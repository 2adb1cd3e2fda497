package dev.tally.core.service;

import com.google.common.base.Ticker;
import com.google.common.hash.Hashing;
import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.auth.SecretSealer;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Credentials;
import dev.tally.core.port.in.ImportReport;
import dev.tally.core.port.in.ImportedCredential;
import dev.tally.core.port.in.Issued;
import dev.tally.core.port.out.Repositories;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * API keys and apps. Keys are random 256-bit strings kept only as SHA-256; app secrets are sealed
 * with the master key. Every failed check says only what the caller can fix, never which part of a
 * secret was wrong, and compares in constant time.
 *
 * <p>A key presented as a bearer key is looked up by its hash in a cache (with its app), so that a
 * request's authentication reads no storage when warm; the checks of revocation, validity time,
 * app state and address run on every request against what is cached. A revocation or app change
 * through this process clears the cache once committed; one made through another server sharing
 * the database shows within the cache's time to live.
 */
final class CredentialService implements Credentials {
  private static final String KEY_PREFIX = "tly_";

  private final Environment env;
  private final Optional<SecretSealer> sealer;
  private final Duration timestampWindow;
  private final SecureRandom random = new SecureRandom();
  private final ReadThroughCache<String, StoredKey> keysByHash;

  /** A stored key with its app as stored (empty when the key has none or the app is gone). */
  private record StoredKey(ApiKey key, Optional<ApiApp> app) {}

  CredentialService(
      Environment env,
      Optional<SecretSealer> sealer,
      Duration timestampWindow,
      CacheSettings keyCache,
      Ticker ticker) {
    this.env = env;
    this.sealer = sealer;
    this.timestampWindow = timestampWindow;
    this.keysByHash =
        new ReadThroughCache<>(
            "api keys",
            keyCache,
            ticker,
            CredentialService::storedKey);
  }

  private static Optional<StoredKey> storedKey(Repositories repos, String hash) {
    return repos
        .credentials()
        .findKeyByHash(hash)
        .map(key -> new StoredKey(key, key.appId().flatMap(repos.credentials()::findApp)));
  }

  static String hashOf(String key) {
    return Hashing.sha256().hashString(key, StandardCharsets.UTF_8).toString();
  }

  @Override
  public Issued<ApiKey> createKey(CreateApiKey command) {
    String key = KEY_PREFIX + randomText(32);
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              command.appId().ifPresent(appId -> app(repos, appId));
              Instant now = env.now();
              ApiKey created =
                  new ApiKey(
                      env.newId(),
                      command.appId(),
                      command.userId(),
                      command.orgId(),
                      command.role(),
                      hashOf(key),
                      now,
                      command.expiresAt(),
                      now,
                      Optional.empty());
              repos.credentials().insertKey(created);
              return new Issued<>(created, key);
            });
  }

  @Override
  public ApiKey ensureAdminKey(String key) {
    if (key.length() < 16) {
      throw TallyException.invalid("the admin key must be at least 16 characters long");
    }
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Optional<ApiKey> existing = repos.credentials().findKeyByHash(hashOf(key));
              Instant now = env.now();
              if (existing.isPresent()
                  && existing.get().role() == Role.ADMIN
                  && existing.get().isUsableAt(now)) {
                return existing.get();
              }
              if (existing.isPresent()) {
                throw TallyException.of(
                    ErrorCode.INVALID_STATE,
                    "the configured admin key is stored as key %s, which is not a usable admin key",
                    existing.get().id());
              }
              ApiKey admin =
                  new ApiKey(
                      env.newId(), Optional.empty(), Optional.empty(), Optional.empty(), Role.ADMIN,
                      hashOf(key), now, Optional.empty(), now, Optional.empty());
              repos.credentials().insertKey(admin);
              return admin;
            });
  }

  @Override
  public ApiKey revokeKey(String keyId) {
    return forgettingCachedKeys(
        env.unitOfWork()
            .inTransaction(
                repos -> {
                  ApiKey key =
                      repos
                          .credentials()
                          .findKey(keyId)
                          .orElseThrow(() -> TallyException.notFound("api key", keyId));
                  if (key.revokedAt().isPresent()) {
                    return key;
                  }
                  ApiKey revoked = key.revoked(env.now());
                  repos.credentials().updateKey(revoked);
                  return revoked;
                }));
  }

  CacheReport keyCacheReport() {
    return keysByHash.report();
  }

  /** Returns what a committed change to keys or apps gave, after the cache forgot every key. */
  private <T> T forgettingCachedKeys(T changed) {
    keysByHash.invalidateIf(any -> true);
    return changed;
  }

  @Override
  public Page<ApiKey> keys(PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.credentials().listKeys(page));
  }

  @Override
  public Issued<ApiApp> createApp(CreateApiApp command) {
    SecretSealer seal = requireSealer();
    String secret = randomText(32);
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              ApiApp app;
              try {
                app =
                    new ApiApp(
                        env.newId(), command.name(), seal.seal(secret), command.allowedIps(),
                        command.orgId(), true, env.now());
              } catch (IllegalArgumentException refused) {
                throw TallyException.invalid("%s", refused.getMessage());
              }
              repos.credentials().insertApp(app);
              return new Issued<>(app, secret);
            });
  }

  @Override
  public ApiApp app(String appId) {
    return env.unitOfWork().inTransaction(repos -> app(repos, appId));
  }

  @Override
  public Page<ApiApp> apps(PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.credentials().listApps(page));
  }

  @Override
  public ApiApp disableApp(String appId) {
    return switchApp(appId, false);
  }

  @Override
  public ApiApp enableApp(String appId) {
    return switchApp(appId, true);
  }

  private ApiApp switchApp(String appId, boolean on) {
    return forgettingCachedKeys(
        env.unitOfWork()
            .inTransaction(
                repos -> {
                  ApiApp app = app(repos, appId);
                  if (app.enabled() == on) {
                    return app;
                  }
                  ApiApp changed = app.withEnabled(on);
                  repos.credentials().updateApp(changed);
                  return changed;
                }));
  }

  @Override
  public ApiApp deleteApp(String appId) {
    return forgettingCachedKeys(
        env.unitOfWork()
            .inTransaction(
                repos -> {
                  ApiApp app = app(repos, appId);
                  Instant now = env.now();
                  for (ApiKey key : repos.credentials().findKeysOfApp(appId)) {
                    if (key.revokedAt().isEmpty()) {
                      repos.credentials().updateKey(key.revoked(now));
                    }
                  }
                  repos.credentials().deleteApp(appId);
                  return app;
                }));
  }

  @Override
  public ImportReport importCredentials(List<ImportedCredential> credentials) {
    if (credentials.stream().anyMatch(ImportedCredential.App.class::isInstance)) {
      requireSealer();
    }
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              int apps = 0;
              int keys = 0;
              // apps first, so that a key may name an app that comes later in the list
              for (int i = 0; i < credentials.size(); i++) {
                if (credentials.get(i) instanceof ImportedCredential.App app) {
                  repos.credentials().insertApp(importedApp(repos, app, now, i + 1));
                  apps++;
                }
              }
              for (int i = 0; i < credentials.size(); i++) {
                if (credentials.get(i) instanceof ImportedCredential.Key key) {
                  repos.credentials().insertKey(importedKey(repos, key, now, i + 1));
                  keys++;
                }
              }
              return new ImportReport(apps, keys);
            });
  }

  private ApiApp importedApp(Repositories repos, ImportedCredential.App app, Instant now, int item) {
    if (repos.credentials().findApp(app.appId()).isPresent()) {
      throw TallyException.of(ErrorCode.ALREADY_EXISTS, "item %s: app %s exists already", item, app.appId());
    }
    try {
      return new ApiApp(
          app.appId(), app.name(), requireSealer().seal(app.secret().reveal()), app.allowedIps(),
          app.orgId(), app.enabled(), now);
    } catch (IllegalArgumentException refused) {
      throw TallyException.invalid("item %s: %s", item, refused.getMessage());
    }
  }

  private ApiKey importedKey(Repositories repos, ImportedCredential.Key key, Instant now, int item) {
    String hash = key.keySha256().map(hex -> hex.toLowerCase(Locale.ROOT)).orElseGet(() -> hashOf(key.key().orElseThrow().reveal()));
    Optional<ApiKey> known = repos.credentials().findKeyByHash(hash);
    if (known.isPresent()) {
      throw TallyException.of(
          ErrorCode.ALREADY_EXISTS, "item %s: this key is known already, as key %s", item, known.get().id());
    }
    String id = key.id().orElseGet(env::newId);
    if (repos.credentials().findKey(id).isPresent()) {
      throw TallyException.of(ErrorCode.ALREADY_EXISTS, "item %s: key id %s is taken", item, id);
    }
    key.appId()
        .filter(appId -> repos.credentials().findApp(appId).isEmpty())
        .ifPresent(
            appId -> {
              throw TallyException.invalid("item %s: the key's app %s is not known", item, appId);
            });
    try {
      return new ApiKey(
          id, key.appId(), key.userId(), key.orgId(), key.role(), hash, key.enabledAt().orElse(now),
          key.expiresAt(), now, Optional.empty());
    } catch (IllegalArgumentException refused) {
      throw TallyException.invalid("item %s: %s", item, refused.getMessage());
    }
  }

  private SecretSealer requireSealer() {
    return sealer.orElseThrow(
        () ->
            TallyException.of(
                ErrorCode.INVALID_STATE,
                "apps need security.master_key to be configured, to seal their secrets"));
  }

  private static ApiApp app(Repositories repos, String appId) {
    return repos
        .credentials()
        .findApp(appId)
        .orElseThrow(() -> TallyException.notFound("app", appId));
  }

  @Override
  public Principal authenticateKey(String key, String address) {
    String hash = hashOf(key);
    StoredKey stored =
        keysByHash
            .cached(hash)
            .or(() -> env.unitOfWork().inTransaction(repos -> keysByHash.find(repos, hash)))
            .orElseThrow(() -> unauthorized("the API key is not known"));
    ApiKey found = usable(stored.key(), stored.app(), address);
    return new Principal(found.role(), found.orgId(), found.userId(), "key:" + found.id());
  }

  /** The stored key, when it is usable now from {@code address} (its app too, if it has one). */
  private ApiKey usableKey(Repositories repos, String key, String address) {
    StoredKey stored =
        storedKey(repos, hashOf(key)).orElseThrow(() -> unauthorized("the API key is not known"));
    return usable(stored.key(), stored.app(), address);
  }

  private ApiKey usable(ApiKey found, Optional<ApiApp> app, String address) {
    Instant now = env.now();
    if (found.revokedAt().isPresent()) {
      throw unauthorized("the API key was revoked");
    }
    if (!found.isUsableAt(now)) {
      throw unauthorized("the API key is not valid at this time (expired or not yet enabled)");
    }
    if (found.appId().isPresent()) {
      requireUsable(
          app.orElseThrow(() -> unauthorized("the API key's app no longer exists")), address);
    }
    return found;
  }

  @Override
  public Principal authenticateDeerer(String appId, String token, String address) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              ApiApp app = knownApp(repos, appId);
              requireUsable(app, address);
              DeererToken.Contents contents;
              try {
                contents = DeererToken.decrypt(openSecret(app), token);
              } catch (IllegalArgumentException e) {
                throw unauthorized("the Deerer token is not valid for app " + appId);
              }
              requireWithinWindow(contents.issuedAt(), "Deerer token");
              ApiKey key = usableKey(repos, contents.apiKey(), address);
              if (key.appId().isPresent() && !key.appId().get().equals(appId)) {
                throw unauthorized("the key inside the Deerer token belongs to another app");
              }
              Principal principal =
                  app.grant(
                      Optional.of(new Principal(key.role(), key.orgId(), key.userId(), "key:" + key.id())));
              // the time and the key are the token: the same pair twice is a replay
              requireFirstUse(
                  repos,
                  app,
                  "deerer\n" + contents.issuedAt() + "\n" + contents.apiKey(),
                  contents.issuedAt(),
                  "this Deerer token was used before: each token is accepted once");
              return principal;
            });
  }

  @Override
  public Principal authenticateSigned(
      String appId, SignedRequest request, String signature, String address) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              ApiApp app = knownApp(repos, appId);
              requireUsable(app, address);
              Instant timestamp;
              try {
                timestamp = request.timestampInstant();
              } catch (IllegalArgumentException e) {
                throw unauthorized("X-Tally-Timestamp must be epoch seconds");
              }
              requireWithinWindow(timestamp, "X-Tally-Timestamp");
              String expected = request.signature(openSecret(app));
              if (!MessageDigest.isEqual(
                  expected.getBytes(StandardCharsets.US_ASCII),
                  signature.getBytes(StandardCharsets.US_ASCII))) {
                throw unauthorized("the request signature does not match");
              }
              requireFirstUse(
                  repos,
                  app,
                  "nonce\n" + request.nonce(),
                  timestamp,
                  "this nonce was used before: a signed request is accepted once");
              return app.grant(Optional.empty());
            });
  }

  /**
   * Remembers a use of the app's credential until its time window has surely passed (twice the
   * window after its time, so that servers whose clocks differ a little agree), refusing a second.
   */
  private void requireFirstUse(
      Repositories repos, ApiApp app, String credential, Instant stamped, String replayed) {
    Instant now = env.now();
    Instant until = (stamped.isAfter(now) ? stamped : now).plus(timestampWindow.multipliedBy(2));
    if (!repos.credentials().recordUse(app.appId(), hashOf(credential), now, until)) {
      throw unauthorized(replayed);
    }
  }

  @Override
  public int forgetExpiredUses() {
    return env.unitOfWork().inTransaction(repos -> repos.credentials().forgetUsesExpiredBy(env.now()));
  }

  private static ApiApp knownApp(Repositories repos, String appId) {
    return repos
        .credentials()
        .findApp(appId)
        .orElseThrow(() -> unauthorized("app " + appId + " is not known"));
  }

  private static void requireUsable(ApiApp app, String address) {
    if (!app.enabled()) {
      throw unauthorized("app " + app.appId() + " is disabled");
    }
    if (!app.allows(address)) {
      throw TallyException.of(
          ErrorCode.FORBIDDEN, "address %s may not call as app %s", address, app.appId());
    }
  }

  private void requireWithinWindow(Instant stamped, String what) {
    Duration skew = Duration.between(stamped, env.now()).abs();
    if (skew.compareTo(timestampWindow) > 0) {
      throw unauthorized(
          what + " is " + skew.toSeconds() + " s away from the server's clock; the window is "
              + timestampWindow.toSeconds() + " s");
    }
  }

  private String openSecret(ApiApp app) {
    return sealer
        .orElseThrow(() -> unauthorized("apps cannot be checked without security.master_key"))
        .open(app.sealedSecret());
  }

  private String randomText(int bytes) {
    byte[] random = new byte[bytes];
    this.random.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static TallyException unauthorized(String why) {
    return new TallyException(ErrorCode.UNAUTHORIZED, why);
  }
}
