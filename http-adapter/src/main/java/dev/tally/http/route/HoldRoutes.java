package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Holds (pre-deductions for long or streaming calls): {@code POST /holds} reserves an amount for a
 * time, {@code POST /holds/{id}/settle} charges the actual amount and releases the rest, {@code
 * POST /holds/{id}/void} releases it all (service or admin); {@code GET /holds/{id}} shows one (a
 * customer its own org's).
 */
final class HoldRoutes {
  private final Holds holds;
  private final CustomerCurrency currencies;

  HoldRoutes(Holds holds, CustomerCurrency currencies) {
    this.holds = holds;
    this.currencies = currencies;
  }

  /** A hold as the API shows it. */
  record HoldView(
      String id,
      String userOrgId,
      String userId,
      String productId,
      String amount,
      String currency,
      String status,
      String settledAmount,
      Instant createdAt,
      Instant expiresAt,
      Instant closedAt) {

    static HoldView of(Hold hold) {
      return new HoldView(
          hold.id().value(),
          hold.orgId().value(),
          hold.userId().value(),
          hold.productId().value(),
          Views.amount(hold.amount()),
          hold.amount().currency().code(),
          hold.status().code(),
          hold.settledAmount().map(Views::amount).orElse(null),
          hold.createdAt(),
          hold.expiresAt(),
          hold.closedAt().orElse(null));
    }
  }

  void register(RoutesConfig routes) {
    routes.post(Api.path("/holds"), this::reserve);
    routes.get(Api.path("/holds/{hold_id}"), this::show);
    routes.post(Api.path("/holds/{hold_id}/settle"), this::settle);
    routes.post(Api.path("/holds/{hold_id}/void"), this::voidHold);
  }

  private void reserve(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    JsonBody body =
        JsonBody.parse(
            ctx.body(),
            Set.of("user_org_id", "user_id", "product_id", "amount", "currency", "ttl_seconds"));
    OrgId org = body.value("user_org_id", OrgId::of);
    UserId user = body.value("user_id", UserId::of);
    ProductId product = body.value("product_id", ProductId::of);
    Currency currency = currencies.of(body, org);
    Money amount = body.money("amount", currency);
    Duration ttl =
        body.optionalSeconds("ttl_seconds")
            .orElseThrow(() -> new BadRequest("ttl_seconds is required"));
    Hold hold =
        holds.reserve(Commands.build(() -> new ReserveHold(org, user, product, amount, ttl)));
    ctx.status(201).json(HoldView.of(hold));
  }

  private void show(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    Hold hold = holds.hold(holdId(ctx));
    Access.requireOrg(ctx, hold.orgId());
    ctx.json(HoldView.of(hold));
  }

  private void settle(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    HoldId id = holdId(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("amount"));
    body.decimal("amount");
    Money actual = body.money("amount", holds.hold(id).amount().currency());
    ctx.json(HoldView.of(holds.settle(id, actual)));
  }

  private void voidHold(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    HoldId id = holdId(ctx);
    String text = ctx.body();
    if (!text.isBlank()) {
      JsonBody.parse(text, Set.of());
    }
    ctx.json(HoldView.of(holds.voidHold(id)));
  }

  private static HoldId holdId(Context ctx) {
    return Params.path(ctx, "hold_id", HoldId::of);
  }
}
