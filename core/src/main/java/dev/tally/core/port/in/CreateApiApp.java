package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.model.OrgId;
import java.util.List;
import java.util.Optional;

/** Registers a calling application; its secret is made by Tally and shown once. */
public record CreateApiApp(String name, Optional<OrgId> orgId, List<String> allowedIps) {
  public CreateApiApp {
    checkNotNull(name, "name");
    checkNotNull(orgId, "org_id");
    allowedIps = ImmutableList.copyOf(allowedIps);
  }
}
