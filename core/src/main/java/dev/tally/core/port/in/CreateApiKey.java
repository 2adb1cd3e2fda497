package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.UserId;
import java.time.Instant;
import java.util.Optional;

/** Issues an API key; a customer key names its org. */
public record CreateApiKey(
    Role role,
    Optional<OrgId> orgId,
    Optional<UserId> userId,
    Optional<String> appId,
    Optional<Instant> expiresAt) {
  public CreateApiKey {
    checkNotNull(role, "role");
    checkNotNull(orgId, "org_id");
    checkArgument(role != Role.CUSTOMER || orgId.isPresent(), "a customer key needs an org_id");
    checkNotNull(userId, "user_id");
    checkNotNull(appId, "app_id");
    checkNotNull(expiresAt, "expires_at");
  }
}
