package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.SubscriptionRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * {@code product_subscription}. The fee and the overage price share the {@code currency} column:
 * both are in the customer's currency.
 */
final class JdbiSubscriptionRepository implements SubscriptionRepository {
  private static final String SELECT =
      "SELECT id, product_id, user_id, user_org_id, billing_mode, quota_total, quota_used,"
          + " quota_unit, period_start, period_end, period_length, allow_overage,"
          + " overage_unit_price, overage_cap, overage_used, status, auto_renew, fee, currency,"
          + " created_at";

  private static final String CURRENT = "status IN ('active', 'suspended')";

  private static final RowMapper<Subscription> MAPPER =
      (rs, ctx) -> {
        Unit unit = Unit.of(rs.getString("quota_unit"));
        Currency currency = Currency.of(rs.getString("currency"));
        BigDecimal overagePrice = rs.getBigDecimal("overage_unit_price");
        BigDecimal overageCap = rs.getBigDecimal("overage_cap");
        return new Subscription(
            SubscriptionId.of(rs.getString("id")),
            ProductId.of(rs.getString("product_id")),
            UserId.of(rs.getString("user_id")),
            OrgId.of(rs.getString("user_org_id")),
            BillingMode.fromCode(rs.getString("billing_mode")),
            new Quantity(rs.getBigDecimal("quota_total"), unit),
            new Quantity(rs.getBigDecimal("quota_used"), unit),
            Sql.instant(rs, "period_start"),
            Sql.instant(rs, "period_end"),
            Period.parse(rs.getString("period_length")),
            rs.getBoolean("allow_overage"),
            Optional.ofNullable(overagePrice).map(price -> new UnitPrice(price, currency)),
            Optional.ofNullable(overageCap).map(cap -> new Quantity(cap, unit)),
            new Quantity(rs.getBigDecimal("overage_used"), unit),
            SubscriptionStatus.fromCode(rs.getString("status")),
            rs.getBoolean("auto_renew"),
            new Money(rs.getBigDecimal("fee"), currency),
            Sql.instant(rs, "created_at"));
      };

  private static final String UPDATE =
      """
      UPDATE product_subscription SET product_id = :product_id, user_id = :user_id,
        user_org_id = :user_org_id, billing_mode = :billing_mode,
        quota_total = :quota_total, quota_used = :quota_used,
        quota_unit = :quota_unit, period_start = :period_start,
        period_end = :period_end, period_length = :period_length,
        allow_overage = :allow_overage, overage_unit_price = :overage_unit_price,
        overage_cap = :overage_cap, overage_used = :overage_used,
        status = :status, auto_renew = :auto_renew, fee = :fee,
        currency = :currency, created_at = :created_at
      WHERE id = :id
      """;

  private final Handle handle;

  JdbiSubscriptionRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(Subscription subscription) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO product_subscription (id, product_id, user_id, user_org_id,
                  billing_mode, quota_total, quota_used, quota_unit, period_start, period_end,
                  period_length, allow_overage, overage_unit_price, overage_cap, overage_used,
                  status, auto_renew, fee, currency, created_at)
                VALUES (:id, :product_id, :user_id, :user_org_id, :billing_mode, :quota_total,
                  :quota_used, :quota_unit, :period_start, :period_end, :period_length,
                  :allow_overage, :overage_unit_price, :overage_cap, :overage_used, :status,
                  :auto_renew, :fee, :currency, :created_at)
                """),
            subscription)
        .execute();
  }

  @Override
  public void update(Subscription subscription) {
    int updated = bind(handle.createUpdate(UPDATE), subscription).execute();
    Rows.requireUpdated(updated, "product_subscription", subscription.id());
  }

  @Override
  public void updateAll(Collection<Subscription> subscriptions) {
    if (subscriptions.isEmpty()) {
      return;
    }
    PreparedBatch batch = handle.prepareBatch(UPDATE);
    subscriptions.forEach(subscription -> bind(batch, subscription).add());
    Rows.requireEachUpdated(
        batch.execute(),
        "product_subscription",
        subscriptions.stream().map(Subscription::id).toList());
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Subscription subscription) {
    return statement
        .bind("id", subscription.id().value())
        .bind("product_id", subscription.productId().value())
        .bind("user_id", subscription.userId().value())
        .bind("user_org_id", subscription.orgId().value())
        .bind("billing_mode", subscription.billingMode().code())
        .bind("quota_total", subscription.quotaTotal().amount())
        .bind("quota_used", subscription.quotaUsed().amount())
        .bind("quota_unit", subscription.quotaUnit().name())
        .bind("period_start", Sql.timestamp(subscription.periodStart()))
        .bind("period_end", Sql.timestamp(subscription.periodEnd()))
        .bind("period_length", subscription.period().toString())
        .bind("allow_overage", subscription.allowOverage())
        .bind(
            "overage_unit_price",
            subscription.overageUnitPrice().map(UnitPrice::perUnit).orElse(null))
        .bind("overage_cap", subscription.overageCap().map(Quantity::amount).orElse(null))
        .bind("overage_used", subscription.overageUsed().amount())
        .bind("status", subscription.status().code())
        .bind("auto_renew", subscription.autoRenew())
        .bind("fee", subscription.fee().amount())
        .bind("currency", subscription.fee().currency().code())
        .bind("created_at", Sql.timestamp(subscription.createdAt()));
  }

  @Override
  public Optional<Subscription> find(SubscriptionId id) {
    return byId(id, "");
  }

  @Override
  public Optional<Subscription> lock(SubscriptionId id) {
    return byId(id, " FOR UPDATE");
  }

  private Optional<Subscription> byId(SubscriptionId id, String lock) {
    return handle
        .createQuery(SELECT + " FROM product_subscription WHERE id = :id" + lock)
        .bind("id", id.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<Subscription> findCurrent(OrgId orgId, ProductId productId) {
    return current(orgId, productId, "");
  }

  @Override
  public Optional<Subscription> lockCurrent(OrgId orgId, ProductId productId) {
    return current(orgId, productId, " FOR UPDATE");
  }

  @Override
  public List<Subscription> lockCurrentAll(
      Collection<OrgId> orgIds, Collection<ProductId> productIds) {
    if (orgIds.isEmpty() || productIds.isEmpty()) {
      return List.of();
    }
    // one statement; rows are locked as the sort returns them, so in id order
    List<String> orgs = orgIds.stream().map(OrgId::value).distinct().toList();
    List<String> products = productIds.stream().map(ProductId::value).distinct().toList();
    String sql =
        SELECT
            + " FROM product_subscription WHERE user_org_id IN ("
            + DirectQuery.placeholders(orgs.size())
            + ") AND product_id IN ("
            + DirectQuery.placeholders(products.size())
            + ") AND "
            + CURRENT
            + " ORDER BY id FOR UPDATE";
    List<String> values = new ArrayList<>(orgs);
    values.addAll(products);
    return DirectQuery.list(handle, sql, values, MAPPER);
  }

  private Optional<Subscription> current(OrgId orgId, ProductId productId, String lock) {
    return handle
        .createQuery(
            SELECT
                + " FROM product_subscription WHERE user_org_id = :org AND product_id = :product"
                + " AND "
                + CURRENT
                + " ORDER BY created_at DESC, id DESC"
                + lock)
        .bind("org", orgId.value())
        .bind("product", productId.value())
        .map(MAPPER)
        .findFirst();
  }

  @Override
  public Page<Subscription> list(SubscriptionQuery query, PageRequest page) {
    return Paging.page(
        handle,
        SELECT,
        "product_subscription",
        new Conditions()
            .equal("user_org_id", query.orgId())
            .equal("product_id", query.productId())
            .equal("status", query.status().map(SubscriptionStatus::code)),
        "created_at, id",
        page,
        MAPPER);
  }

  @Override
  public List<Subscription> findEnded(Instant now, int limit) {
    return handle
        .createQuery(
            SELECT
                + " FROM product_subscription WHERE status = 'active' AND period_end <= :now"
                + " ORDER BY period_end, id LIMIT :limit")
        .bind("now", Sql.timestamp(now))
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public long countCurrent(ProductId productId) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM product_subscription WHERE product_id = :product AND " + CURRENT)
        .bind("product", productId.value())
        .mapTo(Long.class)
        .one();
  }
}
