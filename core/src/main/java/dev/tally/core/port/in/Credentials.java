package dev.tally.core.port.in;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.List;

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

  /** Apps, newest first; never their secrets. */
  Page<ApiApp> apps(PageRequest page);

  /** Switches an app off: its signed requests, Deerer tokens and keys are refused until enabled. */
  ApiApp disableApp(String appId);

  ApiApp enableApp(String appId);

  /**
   * Deletes an app and revokes its keys (which an app of the same id made later would otherwise
   * bring back); returns the app as it was.
   */
  ApiApp deleteApp(String appId);

  /**
   * Brings in apps and keys made elsewhere, with their ids, secrets and keys as they are: all of
   * them in one unit of work, or none when any is refused (an app id or a key known already, a
   * key of an unknown app). A refusal names the item by its position, from 1.
   */
  ImportReport importCredentials(List<ImportedCredential> credentials);

  /** Forgets the nonces and Deerer tokens whose time window has passed; returns how many. */
  int forgetExpiredUses();

  /** Who presents this key ({@code Bearer} or {@code x-api-key}), calling from {@code address}. */
  Principal authenticateKey(String key, String address);

  /**
   * Who presents this Deerer token of {@code appId}, calling from {@code address}: never more than
   * the app may do ({@link ApiApp#grant}). Each token is accepted once, on any server.
   */
  Principal authenticateDeerer(String appId, String token, String address);

  /**
   * Who sent this HMAC-signed request of {@code appId} from {@code address}. Checks the signature,
   * the timestamp window and that the nonce was not used before by this app, on any server.
   */
  Principal authenticateSigned(String appId, SignedRequest request, String signature, String address);
}
