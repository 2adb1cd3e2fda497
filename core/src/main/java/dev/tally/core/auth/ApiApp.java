package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.model.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A calling application ({@code api_app}): its secret (sealed with the master key, never stored in
 * clear) signs Deerer tokens and HMAC requests, and its allowlist says which addresses may call.
 * Immutable; its {@code toString} shows no secret.
 *
 * @param sealedSecret the secret encrypted by {@link SecretSealer}
 * @param allowedIps addresses or CIDR ranges; empty allows every address
 * @param orgId when set, requests the app signs act as a customer of that org; otherwise as a
 *     service
 */
public record ApiApp(
    String appId,
    String name,
    String sealedSecret,
    List<String> allowedIps,
    Optional<OrgId> orgId,
    boolean enabled,
    Instant createdAt) {

  public ApiApp {
    checkNotNull(appId, "app id");
    checkArgument(appId.matches("[A-Za-z0-9_-]{1,32}"), "app id is 1 to 32 letters, digits, _ or -");
    checkNotNull(name, "name");
    checkArgument(!name.isBlank() && name.length() <= 128, "app name is 1 to 128 characters");
    checkNotNull(sealedSecret, "sealed secret");
    allowedIps = ImmutableList.copyOf(allowedIps);
    allowedIps.forEach(IpAllowlist::checkEntry);
    checkNotNull(orgId, "org id");
    checkNotNull(createdAt, "created at");
  }

  /** The role requests signed by this app carry. */
  public Role role() {
    return orgId.isPresent() ? Role.CUSTOMER : Role.SERVICE;
  }

  public boolean allows(String address) {
    return IpAllowlist.allows(allowedIps, address);
  }

  @Override
  public String toString() {
    return "ApiApp[appId=" + appId + ", name=" + name + "]";
  }
}
