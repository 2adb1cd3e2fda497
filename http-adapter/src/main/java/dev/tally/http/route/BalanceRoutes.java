package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.Adjust;
import dev.tally.core.port.in.Balances;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Customer balances: read (a customer its own), list, recharge, adjust, credit limit and status
 * (admin). Amounts are in the customer's currency unless the body names one.
 */
final class BalanceRoutes {
  private final Balances balances;
  private final CustomerCurrency currencies;

  BalanceRoutes(Balances balances, CustomerCurrency currencies) {
    this.balances = balances;
    this.currencies = currencies;
  }

  /** A balance as the API shows it. */
  record BalanceView(
      String customerId,
      String balance,
      String currency,
      String creditLimit,
      String held,
      String available,
      String status,
      Instant lastRecharge,
      Instant lastConsumption,
      String syncVersion,
      Instant cachedAt) {

    static BalanceView of(CustomerBalance balance) {
      return new BalanceView(
          balance.orgId().value(),
          Views.amount(balance.balance()),
          balance.currency().code(),
          Views.amount(balance.creditLimit()),
          Views.amount(balance.held()),
          Views.amount(balance.available()),
          balance.status().code(),
          balance.lastRecharge().orElse(null),
          balance.lastConsumption().orElse(null),
          Long.toString(balance.ledgerSequence()),
          balance.cachedAt());
    }
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/balances"), this::list);
    routes.get(Api.path("/balances/{customer_id}"), this::show);
    routes.post(Api.path("/balances/{customer_id}/recharge"), this::recharge);
    routes.post(Api.path("/balances/{customer_id}/adjust"), this::adjust);
    routes.put(Api.path("/balances/{customer_id}/credit-limit"), this::creditLimit);
    routes.put(Api.path("/balances/{customer_id}/status"), this::status);
  }

  private void list(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    Optional<BalanceStatus> status = Params.query(ctx, "status", BalanceStatus::fromCode);
    ctx.json(Views.page(balances.balances(status, Params.page(ctx)), BalanceView::of));
  }

  private void show(Context ctx) {
    OrgId org = customer(ctx);
    Access.requireOrg(ctx, org);
    ctx.json(BalanceView.of(balances.balance(org)));
  }

  private void recharge(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    OrgId org = customer(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("amount", "currency", "reference", "memo"));
    Currency currency = currencies.of(body, org);
    Money amount = body.money("amount", currency);
    Optional<String> reference = body.optionalText("reference");
    String memo = body.optionalText("memo").orElse("");
    CustomerBalance after =
        balances.recharge(Commands.build(() -> new Recharge(org, amount, reference, memo)));
    ctx.json(BalanceView.of(after));
  }

  private void adjust(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    OrgId org = customer(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("amount", "currency", "reason"));
    Currency currency = currencies.of(body, org);
    Money amount = body.money("amount", currency);
    String reason = body.text("reason");
    ctx.json(BalanceView.of(balances.adjust(Commands.build(() -> new Adjust(org, amount, reason)))));
  }

  private void creditLimit(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    OrgId org = customer(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("credit_limit", "currency"));
    Currency currency = currencies.of(body, org);
    ctx.json(BalanceView.of(balances.setCreditLimit(org, body.money("credit_limit", currency))));
  }

  private void status(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    OrgId org = customer(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("status"));
    String status = body.text("status");
    CustomerBalance changed =
        switch (status) {
          case "suspended" -> balances.suspend(org);
          case "active" -> balances.resume(org);
          default -> throw new BadRequest("status must be suspended or active (resume), got '" + status + "'");
        };
    ctx.json(BalanceView.of(changed));
  }

  private static OrgId customer(Context ctx) {
    return Params.path(ctx, "customer_id", OrgId::of);
  }
}
