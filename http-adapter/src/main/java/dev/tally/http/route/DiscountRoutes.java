package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.Discounts;
import dev.tally.core.port.in.SetDiscount;
import dev.tally.http.auth.Access;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Customer discounts, a multiplier of each use's charge per (reseller, customer org): {@code PUT}
 * and {@code DELETE /discounts/{reseller_org_id}/{user_org_id}} (admin), {@code GET} of one (a
 * customer its own org's) and {@code GET /discounts} (admin, service; a customer its own org's).
 */
final class DiscountRoutes {
  private static final String ONE = "/discounts/{reseller_org_id}/{user_org_id}";

  private final Discounts discounts;

  DiscountRoutes(Discounts discounts) {
    this.discounts = discounts;
  }

  /** A discount as the API shows it; the multiplier as a decimal string. */
  record DiscountView(String resellerOrgId, String userOrgId, String discount, Instant updatedAt) {
    static DiscountView of(CustomerDiscount discount) {
      return new DiscountView(
          discount.resellerOrgId().value(),
          discount.customerOrgId().value(),
          discount.multiplier().toPlainString(),
          discount.updatedAt());
    }
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/discounts"), this::list);
    routes.get(Api.path(ONE), this::show);
    routes.put(Api.path(ONE), this::set);
    routes.delete(Api.path(ONE), this::remove);
  }

  private void list(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    Optional<OrgId> reseller = Params.query(ctx, "reseller_org_id", OrgId::of);
    Optional<OrgId> org = Access.orgFilter(ctx, Params.query(ctx, "user_org_id", OrgId::of));
    ctx.json(Views.page(discounts.discounts(reseller, org, Params.page(ctx)), DiscountView::of));
  }

  private void show(Context ctx) {
    OrgId org = customer(ctx);
    Access.requireOrg(ctx, org);
    ctx.json(DiscountView.of(discounts.discount(reseller(ctx), org)));
  }

  private void set(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    OrgId reseller = reseller(ctx);
    OrgId org = customer(ctx);
    BigDecimal multiplier = JsonBody.parse(ctx.body(), Set.of("discount")).decimal("discount");
    ctx.json(
        DiscountView.of(
            discounts.set(Commands.build(() -> new SetDiscount(reseller, org, multiplier)))));
  }

  private void remove(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    discounts.remove(reseller(ctx), customer(ctx));
    ctx.status(204);
  }

  private static OrgId reseller(Context ctx) {
    return Params.path(ctx, "reseller_org_id", OrgId::of);
  }

  private static OrgId customer(Context ctx) {
    return Params.path(ctx, "user_org_id", OrgId::of);
  }
}
