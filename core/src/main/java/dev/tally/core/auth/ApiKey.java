package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * An API key ({@code api_key}) as stored: never the key itself, only its SHA-256, so that a stolen
 * table opens nothing. A customer key is confined to its org. Immutable; its {@code toString}
 * shows no hash.
 *
 * @param appId the api_app the key belongs to, whose IP allowlist then applies
 */
public record ApiKey(
    String id,
    Optional<String> appId,
    Optional<UserId> userId,
    Optional<OrgId> orgId,
    Role role,
    String keyHash,
    Instant enabledAt,
    Optional<Instant> expiresAt,
    Instant createdAt,
    Optional<Instant> revokedAt) {

  public ApiKey {
    checkNotNull(id, "id");
    checkNotNull(appId, "app id");
    checkNotNull(userId, "user id");
    checkNotNull(orgId, "org id");
    checkNotNull(role, "role");
    checkArgument(role != Role.CUSTOMER || orgId.isPresent(), "a customer key belongs to an org");
    checkNotNull(keyHash, "key hash");
    checkArgument(keyHash.matches("[0-9a-f]{64}"), "key hash is a SHA-256 in hex");
    checkNotNull(enabledAt, "enabled at");
    checkNotNull(expiresAt, "expires at");
    expiresAt.ifPresent(end -> checkArgument(end.isAfter(enabledAt), "a key expires after it starts"));
    checkNotNull(createdAt, "created at");
    checkNotNull(revokedAt, "revoked at");
  }

  /** True when the key may be used at {@code now}: started, not expired, not revoked. */
  public boolean isUsableAt(Instant now) {
    return revokedAt.isEmpty()
        && !now.isBefore(enabledAt)
        && expiresAt.map(now::isBefore).orElse(true);
  }

  public ApiKey revoked(Instant now) {
    return new ApiKey(
        id, appId, userId, orgId, role, keyHash, enabledAt, expiresAt, createdAt, Optional.of(now));
  }

  @Override
  public String toString() {
    return "ApiKey[id=" + id + ", role=" + role.code() + ", org=" + orgId.map(OrgId::value).orElse("-")
        + ", app=" + appId.orElse("-") + "]";
  }
}
