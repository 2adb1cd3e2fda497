package dev.tally.core.port.in;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;

/**
 * API keys and calling applications ({@code dapi_auth}), and checking what a request presents. A
 * failed check is a {@code TallyException} with code {@code unauthorized} (or {@code forbidden}
 * for an address outside an app's allowlist). Thread-safe.
 */
public interface Credentials {
  /** Makes a key; the returned secret is the key itself, shown this once. */
  Issued<ApiKey> createKey(CreateApiKey command);

  /**
   * Makes sure an admin key with exactly this text exists and is usable (the bootstrap admin key
   * of the configuration).
   */
  ApiKey ensureAdminKey(String key);

  ApiKey revokeKey(String keyId);

  Page<ApiKey> keys(PageRequest page);

  /** Registers an app; the returned secret is the app secret, shown this once. */
  Issued<ApiApp> createApp(CreateApiApp command);

  ApiApp app(String appId);

  /** Who presents this key ({@code Bearer} or {@code x-api-key}), calling from {@code address}. */
  Principal authenticateKey(String key, String address);

  /** Who presents this Deerer token of {@code appId}, calling from {@code address}. */
  Principal authenticateDeerer(String appId, String token, String address);

  /**
   * Who sent this HMAC-signed request of {@code appId} from {@code address}. Checks the signature
   * and the timestamp window; the caller checks the nonce was not seen before.
   */
  Principal authenticateSigned(String appId, SignedRequest request, String signature, String address);
}
