package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.UserId;
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

  /**
   * What a request this app signed (HMAC) or sealed (a Deerer token) may do: the one rule of every
   * scheme that names an app. The app decides: without an org it acts as {@code service}, with one
   * as that org's {@code customer}. A key the request carries (inside a Deerer token) never grants
   * more: an admin or service key counts as the app's role, a customer key keeps its own org, and
   * a customer key of another org than the app's is refused.
   *
   * @param carried the principal of the key inside the token; empty for a signed request
   */
  public Principal grant(Optional<Principal> carried) {
    String credential = "app:" + appId + carried.map(key -> "/" + key.credential()).orElse("");
    Optional<UserId> user = carried.flatMap(Principal::userId);
    if (carried.isPresent() && carried.get().role() == Role.CUSTOMER) {
      OrgId keyOrg = carried.get().orgId().orElseThrow();
      if (orgId.isPresent() && !orgId.get().equals(keyOrg)) {
        throw TallyException.of(
            ErrorCode.UNAUTHORIZED,
            "the key inside the token is a customer key of org %s, but app %s acts for org %s",
            keyOrg,
            appId,
            orgId.get());
      }
      return new Principal(Role.CUSTOMER, Optional.of(keyOrg), user, credential);
    }
    return new Principal(role(), orgId, user, credential);
  }

  /** This app switched on or off; a disabled app's requests and keys are refused. */
  public ApiApp withEnabled(boolean on) {
    return new ApiApp(appId, name, sealedSecret, allowedIps, orgId, on, createdAt);
  }

  public boolean allows(String address) {
    return IpAllowlist.allows(allowedIps, address);
  }

  @Override
  public String toString() {
    return "ApiApp[appId=" + appId + ", name=" + name + "]";
  }
}
