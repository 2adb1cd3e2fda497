package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Secret;
import dev.tally.core.model.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A credential made elsewhere (the platform's {@code dapi_auth}) and brought into Tally as it is,
 * so that the clients holding it keep working: an app with its id and secret, or an API key, given
 * itself or as the SHA-256 the platform keeps. Stored like Tally's own: the secret sealed, the key
 * hashed. {@code toString} shows no secret.
 */
public sealed interface ImportedCredential {
  /**
   * An app.
   *
   * @param secret the app's secret as the platform's clients use it; Deerer keys AES with its
   *     ISO-8859-1 bytes, so it must be ISO-8859-1 text
   */
  record App(
      String appId,
      String name,
      Secret secret,
      Optional<OrgId> orgId,
      List<String> allowedIps,
      boolean enabled)
      implements ImportedCredential {
    public App {
      checkNotNull(appId, "app_id");
      checkNotNull(name, "name");
      checkNotNull(secret, "secret");
      checkArgument(!secret.isEmpty(), "secret is empty");
      checkArgument(
          StandardCharsets.ISO_8859_1.newEncoder().canEncode(secret.reveal()),
          "secret has characters outside ISO-8859-1, which a Deerer token cannot carry");
      checkNotNull(orgId, "org_id");
      allowedIps = ImmutableList.copyOf(allowedIps);
    }

    @Override
    public String toString() {
      return "ImportedCredential.App[appId=" + appId + ", name=" + name + "]";
    }
  }

  /**
   * An API key: {@code key} itself, or {@code keySha256}, the hex SHA-256 of its UTF-8 bytes.
   *
   * @param id the key's id; empty to make one
   * @param appId the app the key belongs to (then the app's allowlist applies to it)
   */
  record Key(
      Optional<String> id,
      Optional<Secret> key,
      Optional<String> keySha256,
      Role role,
      Optional<OrgId> orgId,
      Optional<UserId> userId,
      Optional<String> appId,
      Optional<Instant> enabledAt,
      Optional<Instant> expiresAt)
      implements ImportedCredential {
    public Key {
      checkNotNull(id, "id");
      id.ifPresent(given -> checkArgument(given.matches("[A-Za-z0-9_-]{1,32}"), "id is 1 to 32 letters, digits, _ or -"));
      checkNotNull(key, "key");
      checkNotNull(keySha256, "key_sha256");
      checkArgument(
          key.isPresent() != keySha256.isPresent(), "give either key or key_sha256, not both or neither");
      key.ifPresent(given -> checkArgument(!given.isEmpty(), "key is empty"));
      keySha256.ifPresent(
          hash -> checkArgument(hash.matches("[0-9a-fA-F]{64}"), "key_sha256 is 64 hex digits"));
      checkNotNull(role, "role");
      checkNotNull(orgId, "org_id");
      checkArgument(role != Role.CUSTOMER || orgId.isPresent(), "a customer key needs an org_id");
      checkNotNull(userId, "user_id");
      checkNotNull(appId, "app_id");
      checkNotNull(enabledAt, "enabled_at");
      checkNotNull(expiresAt, "expires_at");
    }

    @Override
    public String toString() {
      return "ImportedCredential.Key[role=" + role.code() + ", app=" + appId.orElse("-") + "]";
    }
  }
}
