package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.UserId;
import java.util.Optional;

/**
 * Who made a request, once authenticated: a role, and for a customer the org it is confined to.
 *
 * @param credential what authenticated it ({@code key:<id>} or {@code app:<id>}), for logs
 */
public record Principal(Role role, Optional<OrgId> orgId, Optional<UserId> userId, String credential) {

  public Principal {
    checkNotNull(role, "role");
    checkNotNull(orgId, "org id");
    checkNotNull(userId, "user id");
    checkArgument(role != Role.CUSTOMER || orgId.isPresent(), "a customer belongs to an org");
    checkNotNull(credential, "credential");
  }

  /** True when this principal may read the data of {@code org}. */
  public boolean mayRead(OrgId org) {
    return role != Role.CUSTOMER || orgId.get().equals(org);
  }
}
