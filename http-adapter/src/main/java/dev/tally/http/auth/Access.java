package dev.tally.http.auth;

import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what: the principal the authenticator put on the request, role checks, and the rule
 * that a customer reads only its own org (another org's data is 403, not an empty list).
 */
public final class Access {
  static final String PRINCIPAL = "tally.principal";

  private Access() {}

  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new TallyException(ErrorCode.UNAUTHORIZED, "this route needs credentials");
    }
    return principal;
  }

  /** Refuses (403) unless the caller has one of {@code roles}. */
  public static Principal require(Context ctx, Role... roles) {
    Principal principal = principal(ctx);
    if (!Set.of(roles).contains(principal.role())) {
      throw TallyException.of(
          ErrorCode.FORBIDDEN,
          "a %s key may not do this; it needs the role %s",
          principal.role().code(),
          Arrays.stream(roles).map(Role::code).toList());
    }
    return principal;
  }

  /** Refuses (403) a customer asking about another org. */
  public static Principal requireOrg(Context ctx, OrgId org) {
    Principal principal = principal(ctx);
    if (!principal.mayRead(org)) {
      throw TallyException.of(
          ErrorCode.FORBIDDEN, "this key belongs to org %s and may not read org %s",
          principal.orgId().orElseThrow(), org);
    }
    return principal;
  }

  /**
   * The org filter of a list: a customer's own org (any other asked is refused), or what an
   * admin or service asked for.
   */
  public static Optional<OrgId> orgFilter(Context ctx, Optional<OrgId> asked) {
    Principal principal = principal(ctx);
    if (principal.role() != Role.CUSTOMER) {
      return asked;
    }
    asked.ifPresent(org -> requireOrg(ctx, org));
    return principal.orgId();
  }

  public static boolean isCustomer(Context ctx) {
    return principal(ctx).role() == Role.CUSTOMER;
  }
}
