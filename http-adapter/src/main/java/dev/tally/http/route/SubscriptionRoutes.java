package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.SetOverage;
import dev.tally.core.port.in.Subscribe;
import dev.tally.core.port.in.Subscriptions;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Subscriptions: subscribe, read and list (a customer its own org's), cancel, renew, suspend,
 * resume, overage terms (admin) and quota checks (admin, service, or the customer its own). Quotas
 * and caps are counted in the subscription's {@code quota_unit}.
 */
final class SubscriptionRoutes {
  /** The path of one subscription. */
  private static final String ONE = "/subscriptions/{subscription_id}";

  private static final Set<String> SUBSCRIBE_FIELDS =
      Set.of(
          "product_id",
          "user_id",
          "user_org_id",
          "billing_mode",
          "quota_total",
          "quota_unit",
          "period",
          "allow_overage",
          "overage_unit_price",
          "overage_cap",
          "auto_renew",
          "fee",
          "currency");

  private final Subscriptions subscriptions;

  SubscriptionRoutes(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /**
   * A subscription as the API shows it. {@code currency} is the customer's: the fee's and the
   * overage price's. {@code overage_cap} is null when overage is unlimited.
   */
  record SubscriptionView(
      String id,
      String productId,
      String userId,
      String userOrgId,
      String billingMode,
      String quotaTotal,
      String quotaUsed,
      String quotaUnit,
      String remainingQuota,
      Instant periodStart,
      Instant periodEnd,
      String period,
      boolean allowOverage,
      String overageUnitPrice,
      String overageCap,
      String overageUsed,
      String status,
      boolean autoRenew,
      String fee,
      String currency,
      Instant createdAt) {

    static SubscriptionView of(Subscription subscription) {
      return new SubscriptionView(
          subscription.id().value(),
          subscription.productId().value(),
          subscription.userId().value(),
          subscription.orgId().value(),
          subscription.billingMode().code(),
          Views.amount(subscription.quotaTotal()),
          Views.amount(subscription.quotaUsed()),
          subscription.quotaUnit().name(),
          Views.amount(subscription.remainingQuota()),
          subscription.periodStart(),
          subscription.periodEnd(),
          subscription.period().toString(),
          subscription.allowOverage(),
          subscription.overageUnitPrice().map(Views::amount).orElse(null),
          subscription.overageCap().map(Views::amount).orElse(null),
          Views.amount(subscription.overageUsed()),
          subscription.status().code(),
          subscription.autoRenew(),
          Views.amount(subscription.fee()),
          subscription.fee().currency().code(),
          subscription.createdAt());
    }
  }

  /**
   * The answer of check_quota, in the subscription's quota unit. {@code overage_headroom} is null
   * when overage is not allowed or unlimited ({@code overage_allowed} tells which); {@code refusal}
   * says why the amount would be refused, null when it would be accepted.
   */
  record QuotaView(
      String subscriptionId,
      String requested,
      String quotaUnit,
      String quotaTotal,
      String quotaUsed,
      String remaining,
      boolean overageAllowed,
      String overageHeadroom,
      boolean accepted,
      String refusal) {

    static QuotaView of(QuotaCheck check) {
      return new QuotaView(
          check.subscriptionId().value(),
          Views.amount(check.requested()),
          check.quotaTotal().unit().name(),
          Views.amount(check.quotaTotal()),
          Views.amount(check.quotaUsed()),
          Views.amount(check.remaining()),
          check.overageAllowed(),
          check.overageHeadroom().map(Views::amount).orElse(null),
          check.accepted(),
          check.refusal().orElse(null));
    }
  }

  void register(RoutesConfig routes) {
    routes.post(Api.path("/subscriptions"), this::subscribe);
    routes.get(Api.path("/subscriptions"), this::list);
    routes.get(Api.path(ONE), this::show);
    routes.post(Api.path(ONE + "/cancel"), ctx -> change(ctx, subscriptions::cancel));
    routes.post(Api.path(ONE + "/renew"), ctx -> change(ctx, subscriptions::renew));
    routes.post(Api.path(ONE + "/suspend"), ctx -> change(ctx, subscriptions::suspend));
    routes.post(Api.path(ONE + "/resume"), ctx -> change(ctx, subscriptions::resume));
    routes.put(Api.path(ONE + "/overage"), this::overage);
    routes.get(Api.path(ONE + "/quota"), this::quota);
  }

  private void subscribe(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    JsonBody body = JsonBody.parse(ctx.body(), SUBSCRIBE_FIELDS);
    Currency currency = body.optionalCurrency("currency").orElse(Currency.CNY);
    ProductId product = body.value("product_id", ProductId::of);
    UserId user = body.value("user_id", UserId::of);
    OrgId org = body.value("user_org_id", OrgId::of);
    Optional<BillingMode> mode = body.optionalValue("billing_mode", BillingMode::fromCode);
    Unit unit = body.value("quota_unit", Unit::of);
    Quantity quota = body.quantity("quota_total", unit);
    Period period =
        body.optionalValue("period", SubscriptionRoutes::period).orElse(Period.ofMonths(1));
    boolean allowOverage = body.bool("allow_overage", false);
    Optional<UnitPrice> overagePrice = body.optionalUnitPrice("overage_unit_price", currency);
    Optional<Quantity> overageCap = body.optionalQuantity("overage_cap", unit);
    boolean autoRenew = body.bool("auto_renew", false);
    Optional<Money> fee = body.optionalMoney("fee", currency);
    Subscribe command =
        Commands.build(
            () ->
                new Subscribe(
                    product,
                    user,
                    org,
                    mode,
                    quota,
                    period,
                    allowOverage,
                    overagePrice,
                    overageCap,
                    autoRenew,
                    fee));
    ctx.status(201).json(SubscriptionView.of(subscriptions.subscribe(command)));
  }

  private void list(Context ctx) {
    Optional<OrgId> org = Access.orgFilter(ctx, Params.query(ctx, "user_org_id", OrgId::of));
    SubscriptionQuery query =
        new SubscriptionQuery(
            org,
            Params.query(ctx, "product_id", ProductId::of),
            Params.query(ctx, "status", SubscriptionStatus::fromCode));
    ctx.json(
        Views.page(subscriptions.subscriptions(query, Params.page(ctx)), SubscriptionView::of));
  }

  private void show(Context ctx) {
    ctx.json(SubscriptionView.of(readable(ctx)));
  }

  /** Cancel, renew, suspend or resume: an admin's, with no body. */
  private void change(Context ctx, Function<SubscriptionId, Subscription> transition) {
    Access.require(ctx, Role.ADMIN);
    ctx.json(SubscriptionView.of(transition.apply(subscriptionId(ctx))));
  }

  private void overage(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    SubscriptionId id = subscriptionId(ctx);
    JsonBody body =
        JsonBody.parse(
            ctx.body(), Set.of("allow_overage", "overage_unit_price", "overage_cap", "currency"));
    if (!body.has("allow_overage")) {
      throw new BadRequest("allow_overage is required");
    }
    boolean allow = body.bool("allow_overage", false);
    // the cap is counted in the subscription's quota unit, the price in the customer's currency
    Subscription subscription = subscriptions.subscription(id);
    Currency currency = body.optionalCurrency("currency").orElse(subscription.fee().currency());
    Optional<UnitPrice> price = body.optionalUnitPrice("overage_unit_price", currency);
    Optional<Quantity> cap = body.optionalQuantity("overage_cap", subscription.quotaUnit());
    SetOverage command = Commands.build(() -> new SetOverage(id, allow, price, cap));
    ctx.json(SubscriptionView.of(subscriptions.setOverage(command)));
  }

  /** check_quota: {@code amount} (default 0) in the subscription's quota unit; changes nothing. */
  private void quota(Context ctx) {
    Subscription subscription = readable(ctx);
    Unit unit = subscription.quotaUnit();
    Quantity amount =
        Params.query(ctx, "amount", text -> new Quantity(Params.decimal(text), unit))
            .orElse(Quantity.zero(unit));
    ctx.json(QuotaView.of(subscriptions.checkQuota(subscription.id(), amount)));
  }

  /** The subscription of the path, when the caller may read it (a customer: its own org's). */
  private Subscription readable(Context ctx) {
    Access.principal(ctx);
    Subscription subscription = subscriptions.subscription(subscriptionId(ctx));
    Access.requireOrg(ctx, subscription.orgId());
    return subscription;
  }

  private static SubscriptionId subscriptionId(Context ctx) {
    return Params.path(ctx, "subscription_id", SubscriptionId::of);
  }

  /** An ISO-8601 period such as {@code P1M}, {@code P1Y} or {@code P7D}. */
  private static Period period(String text) {
    try {
      return Period.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 period such as P1M, P1Y or P7D, got '" + text + "'");
    }
  }
}
