package dev.tally.persistence.jdbi.internal;

import com.google.common.collect.Lists;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Rounding;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsGrouping;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.UsageRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@code product_usage_log}: the seed's columns plus the quota split, currencies, business date,
 * request fingerprint and the customer's discount. Without a supplier, {@code unit_cost} keeps the
 * seed's default 0.
 */
final class JdbiUsageRepository implements UsageRepository {
  /** The most source refs one lookup statement matches (two parameters each). */
  private static final int LOOKUPS_PER_STATEMENT = 64;

  private static final String SELECT =
      "SELECT id, product_id, subscription_id, user_id, user_org_id, product_resource_id,"
          + " supplier_org_id, resource_type, resource_ref_id, used_amount, used_unit, unit_cost,"
          + " total_cost, sell_price, billing_mode, source_ref_table, source_ref_id, use_time,"
          + " created_at, in_quota_amount, overage_amount, currency, cost_currency, biz_date,"
          + " request_hash, customer_discount";

  private static final RowMapper<UsageRecord> MAPPER =
      (rs, ctx) -> {
        Unit unit = Unit.of(rs.getString("used_unit"));
        Currency currency = Currency.of(rs.getString("currency"));
        Currency costCurrency = Currency.of(rs.getString("cost_currency"));
        Optional<OrgId> supplier =
            Optional.ofNullable(rs.getString("supplier_org_id")).map(OrgId::of);
        BigDecimal unitCost = rs.getBigDecimal("unit_cost");
        return new UsageRecord(
            UsageId.of(rs.getString("id")),
            ProductId.of(rs.getString("product_id")),
            Optional.ofNullable(rs.getString("subscription_id")).map(SubscriptionId::of),
            UserId.of(rs.getString("user_id")),
            OrgId.of(rs.getString("user_org_id")),
            ProductResourceId.of(rs.getString("product_resource_id")),
            supplier,
            ResourceType.fromCode(rs.getString("resource_type")),
            rs.getString("resource_ref_id"),
            new Quantity(rs.getBigDecimal("used_amount"), unit),
            supplier.map(any -> new UnitPrice(unitCost, costCurrency)),
            new LedgerAmount(rs.getBigDecimal("total_cost"), costCurrency),
            new Money(rs.getBigDecimal("sell_price"), currency),
            rs.getBigDecimal("customer_discount"),
            BillingMode.fromCode(rs.getString("billing_mode")),
            SourceRef.of(rs.getString("source_ref_table"), rs.getString("source_ref_id")),
            new Quantity(rs.getBigDecimal("in_quota_amount"), unit),
            new Quantity(rs.getBigDecimal("overage_amount"), unit),
            Sql.instant(rs, "use_time"),
            Sql.date(rs, "biz_date"),
            Sql.instant(rs, "created_at"),
            rs.getString("request_hash"));
      };

  // the columns in the order bind() gives their values
  private static final InsertRows.Target INSERTED =
      InsertRows.Target.of(
          "product_usage_log",
          List.of(
              "id", "product_id", "subscription_id", "user_id", "user_org_id",
              "product_resource_id", "supplier_org_id", "resource_type", "resource_ref_id",
              "used_amount", "used_unit", "unit_cost", "total_cost", "sell_price", "billing_mode",
              "source_ref_table", "source_ref_id", "use_time", "created_at", "in_quota_amount",
              "overage_amount", "currency", "cost_currency", "biz_date", "request_hash",
              "customer_discount"));

  private final Handle handle;

  JdbiUsageRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(UsageRecord usage) {
    insertAll(List.of(usage));
  }

  @Override
  public void insertAll(List<UsageRecord> usages) {
    if (usages.isEmpty()) {
      return;
    }
    try (InsertRows rows = InsertRows.into(handle, INSERTED, usages.size())) {
      usages.forEach(usage -> bind(rows, usage).addRow());
      rows.insert();
    }
  }

  /** The values of {@link #INSERTED}, in the order of its columns. */
  private static InsertRows bind(InsertRows row, UsageRecord usage) {
    return row.string(usage.id().value())
        .string(usage.productId().value())
        .string(usage.subscriptionId().map(SubscriptionId::value).orElse(null))
        .string(usage.userId().value())
        .string(usage.orgId().value())
        .string(usage.productResourceId().value())
        .string(usage.supplierOrgId().map(OrgId::value).orElse(null))
        .string(usage.resourceType().code())
        .string(usage.resourceRefId())
        .decimal(usage.usedAmount().amount())
        .string(usage.usedAmount().unit().name())
        .decimal(usage.unitCost().map(UnitPrice::perUnit).orElse(BigDecimal.ZERO))
        .decimal(usage.totalCost().amount())
        .decimal(usage.sellPrice().amount())
        .string(usage.billingMode().code())
        .string(usage.sourceRef().table())
        .string(usage.sourceRef().id())
        .timestamp(usage.useTime())
        .timestamp(usage.createdAt())
        .decimal(usage.inQuota().amount())
        .decimal(usage.overage().amount())
        .string(usage.sellPrice().currency().code())
        .string(usage.totalCost().currency().code())
        .date(usage.bizDate())
        .string(usage.requestHash())
        .decimal(usage.customerDiscount());
  }

  @Override
  public Optional<UsageRecord> find(UsageId id) {
    return handle
        .createQuery(SELECT + " FROM product_usage_log WHERE id = :id")
        .bind("id", id.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<UsageRecord> findBySourceRef(SourceRef sourceRef) {
    return handle
        .createQuery(
            SELECT
                + " FROM product_usage_log WHERE source_ref_table = :table AND source_ref_id = :id")
        .bind("table", sourceRef.table())
        .bind("id", sourceRef.id())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Map<SourceRef, UsageRecord> findBySourceRefs(Collection<SourceRef> sourceRefs) {
    List<SourceRef> distinct = sourceRefs.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<SourceRef, UsageRecord> found = new HashMap<>();
    for (List<SourceRef> chunk : Lists.partition(distinct, LOOKUPS_PER_STATEMENT)) {
      // one exact match of the unique (source_ref_table, source_ref_id) index per ref: on a table
      // not yet analysed PostgreSQL planned an IN list as a scan of every row of the table whose
      // refs share the first column, filtering the ids, slower with every row. Padded to a power
      // of two (repeating the last ref) so that the server prepares a few shapes and plans each once
      int arms = Integer.highestOneBit(chunk.size() * 2 - 1);
      StringBuilder sql = new StringBuilder();
      for (int i = 0; i < arms; i++) {
        sql.append(i == 0 ? "" : " UNION ALL ")
            .append(SELECT)
            .append(" FROM product_usage_log WHERE source_ref_table = ? AND source_ref_id = ?");
      }
      List<String> values = new ArrayList<>(2 * arms);
      for (int i = 0; i < arms; i++) {
        SourceRef ref = chunk.get(Math.min(i, chunk.size() - 1));
        values.add(ref.table());
        values.add(ref.id());
      }
      DirectQuery.list(handle, sql.toString(), values, MAPPER)
          .forEach(usage -> found.put(usage.sourceRef(), usage));
    }
    return found;
  }

  @Override
  public Page<UsageRecord> list(UsageQuery query, PageRequest page) {
    return Paging.page(
        handle,
        SELECT,
        "product_usage_log",
        new Conditions()
            .equal("user_org_id", query.orgId())
            .equal("user_id", query.userId())
            .equal("product_id", query.productId())
            .equal("subscription_id", query.subscriptionId())
            .equal("supplier_org_id", query.supplierOrgId())
            .from("use_time", query.from())
            .to("use_time", query.to()),
        "use_time DESC, id DESC",
        page,
        MAPPER);
  }

  @Override
  public List<UsageStats> statistics(StatsQuery query) {
    String key = groupKey(query.groupBy());
    Conditions conditions =
        new Conditions()
            .equal("user_org_id", query.orgId())
            .from("use_time", query.from())
            .to("use_time", query.to());
    boolean byDay = query.groupBy() == StatsGrouping.DAY;
    return conditions
        .bind(
            handle.createQuery(
                "SELECT "
                    + key
                    + " AS group_key, used_unit, COUNT(*) AS uses, SUM(used_amount) AS used,"
                    + " SUM(total_cost) AS cost, SUM(sell_price) AS revenue"
                    + " FROM product_usage_log"
                    + conditions.where()
                    + " GROUP BY "
                    + key
                    + ", used_unit ORDER BY "
                    + key
                    + ", used_unit"))
        .map(
            (rs, ctx) ->
                UsageStats.of(
                    byDay
                        ? rs.getObject("group_key", LocalDate.class).toString()
                        : rs.getString("group_key"),
                    rs.getString("used_unit"),
                    rs.getLong("uses"),
                    rs.getBigDecimal("used").setScale(Rounding.QUANTITY_SCALE),
                    rs.getBigDecimal("cost").setScale(Rounding.LEDGER_SCALE),
                    rs.getBigDecimal("revenue").setScale(Rounding.MONEY_SCALE)))
        .list();
  }

  private static String groupKey(StatsGrouping grouping) {
    return switch (grouping) {
      case PRODUCT -> "product_id";
      case SUPPLIER -> "COALESCE(supplier_org_id, '')";
      case ORG -> "user_org_id";
      case USER -> "user_id";
      case DAY -> "biz_date";
    };
  }

  @Override
  public void forEachCharged(Consumer<UsageRecord> action) {
    try (Stream<UsageRecord> rows =
        handle
            .createQuery(SELECT + " FROM product_usage_log WHERE sell_price > 0")
            .map(MAPPER)
            .stream()) {
      rows.forEach(action);
    }
  }
}
