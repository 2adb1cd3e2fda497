package dev.tally.http.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.auth.Role;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsGrouping;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Metering;
import dev.tally.core.port.in.Refund;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.port.out.StorageException;
import dev.tally.http.Problems;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Consumption: {@code POST /usage} (product_use, service or admin), {@code POST /usage/batch} (up
 * to {@value #MAX_BATCH} uses, each with its own result), {@code GET /usage} (the usage log; a
 * customer reads its own org's, without supplier costs), {@code POST /usage/{id}/refund} (admin)
 * and {@code GET /stats/usage} (totals by product, supplier, org, user or day; admin or service).
 * Every product_use outcome is counted by its code for {@code /metrics}.
 */
final class UsageRoutes {
  /** The most uses one batch may carry. */
  static final int MAX_BATCH = 1000;

  static final String ACCEPTED = "accepted";
  static final String REPLAYED = "replayed";

  private static final Set<String> USE_FIELDS =
      Set.of(
          "product_id",
          "subscription_id",
          "user_id",
          "user_org_id",
          "resource_type",
          "product_resource_id",
          "used_amount",
          "used_unit",
          "usage",
          "attributes",
          "supplier_org_id",
          "source_ref_table",
          "source_ref_id",
          "use_time");

  private final Metering metering;
  private final Consumer<String> outcomes;

  UsageRoutes(Metering metering, Consumer<String> outcomes) {
    this.metering = metering;
    this.outcomes = outcomes;
  }

  /** A row of the usage log as a customer sees it: what it used and was charged, no costs. */
  record UsageView(
      String id,
      String productId,
      String subscriptionId,
      String userId,
      String userOrgId,
      String productResourceId,
      String resourceType,
      String resourceRefId,
      String usedAmount,
      String usedUnit,
      String inQuotaAmount,
      String overageAmount,
      String sellPrice,
      String customerDiscount,
      String currency,
      String billingMode,
      String sourceRefTable,
      String sourceRefId,
      Instant useTime,
      LocalDate bizDate,
      Instant createdAt) {

    static UsageView of(UsageRecord usage) {
      return new UsageView(
          usage.id().value(),
          usage.productId().value(),
          usage.subscriptionId().map(SubscriptionId::value).orElse(null),
          usage.userId().value(),
          usage.orgId().value(),
          usage.productResourceId().value(),
          usage.resourceType().code(),
          usage.resourceRefId(),
          Views.amount(usage.usedAmount()),
          usage.usedAmount().unit().name(),
          Views.amount(usage.inQuota()),
          Views.amount(usage.overage()),
          Views.amount(usage.sellPrice()),
          usage.customerDiscount().toPlainString(),
          usage.sellPrice().currency().code(),
          usage.billingMode().code(),
          usage.sourceRef().table(),
          usage.sourceRef().id(),
          usage.useTime(),
          usage.bizDate(),
          usage.createdAt());
    }
  }

  /** A row of the usage log as an admin or service sees it: with the supplier and its cost. */
  record CostedUsageView(
      @JsonUnwrapped UsageView usage,
      String supplierOrgId,
      String unitCost,
      String totalCost,
      String costCurrency) {

    static CostedUsageView of(UsageRecord usage) {
      return new CostedUsageView(
          UsageView.of(usage),
          usage.supplierOrgId().map(OrgId::value).orElse(null),
          usage.unitCost().map(Views::amount).orElse(null),
          Views.amount(usage.totalCost()),
          usage.totalCost().currency().code());
    }
  }

  /** The answer to a use: its row, and whether this request replayed an earlier one. */
  record UseView(@JsonUnwrapped CostedUsageView usage, boolean replayed) {
    static UseView of(UseResult result) {
      return new UseView(CostedUsageView.of(result.usage()), result.replayed());
    }
  }

  /** One item's result in a batch: its usage when accepted, else its refusal. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BatchItemView(int index, int status, UseView usage, String code, String detail) {
    static BatchItemView accepted(int index, UseResult result) {
      return new BatchItemView(
          index, result.replayed() ? 200 : 201, UseView.of(result), null, null);
    }

    static BatchItemView refused(int index, ErrorCode code, String detail) {
      return new BatchItemView(index, Problems.status(code), null, code.code(), detail);
    }
  }

  /** The results of a batch, in the order of its items. */
  record BatchView(List<BatchItemView> results) {}

  /** Totals of one group of the usage log; amounts as decimal strings. */
  record UsageStatsView(
      String key, String unit, long uses, String used, String cost, String revenue, String margin) {
    static UsageStatsView of(UsageStats stats) {
      return new UsageStatsView(
          stats.key(),
          stats.unit(),
          stats.uses(),
          stats.used().toPlainString(),
          stats.cost().toPlainString(),
          stats.revenue().toPlainString(),
          stats.margin().toPlainString());
    }
  }

  /** {@code /stats/usage}: how the rows were grouped, and the rows. */
  record StatsView(
      String groupBy, Instant from, Instant to, String userOrgId, List<UsageStatsView> rows) {}

  void register(RoutesConfig routes) {
    routes.post(Api.path("/usage"), this::use);
    routes.post(Api.path("/usage/batch"), this::useBatch);
    routes.get(Api.path("/usage"), this::list);
    routes.post(Api.path("/usage/{usage_id}/refund"), this::refund);
    routes.get(Api.path("/stats/usage"), this::statistics);
  }

  private void use(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    UseResult result;
    try {
      UseCommand command = command(JsonBody.parse(ctx.body(), USE_FIELDS));
      result = metering.use(command);
    } catch (TallyException refused) {
      outcomes.accept(refused.code().code());
      throw refused;
    } catch (BadRequest bad) {
      outcomes.accept(ErrorCode.VALIDATION_FAILED.code());
      throw bad;
    } catch (StorageException failure) {
      outcomes.accept(ErrorCode.STORAGE_UNAVAILABLE.code());
      throw failure;
    }
    outcomes.accept(result.replayed() ? REPLAYED : ACCEPTED);
    ctx.status(result.replayed() ? 200 : 201).json(UseView.of(result));
  }

  private void useBatch(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    List<JsonNode> items = JsonBody.parse(ctx.body(), Set.of("items")).array("items");
    if (items.size() > MAX_BATCH) {
      throw new BadRequest(
          "a batch carries at most "
              + MAX_BATCH
              + " uses; this one has "
              + items.size()
              + ": split it");
    }
    BatchItemView[] results = new BatchItemView[items.size()];
    List<Integer> parsedAt = new ArrayList<>();
    List<UseCommand> commands = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      String where = "items[" + index + "]";
      try {
        commands.add(command(JsonBody.of(items.get(index), USE_FIELDS, where)));
        parsedAt.add(index);
      } catch (BadRequest bad) {
        outcomes.accept(ErrorCode.VALIDATION_FAILED.code());
        String detail =
            bad.getMessage().startsWith(where) ? bad.getMessage() : where + ": " + bad.getMessage();
        results[index] = BatchItemView.refused(index, ErrorCode.VALIDATION_FAILED, detail);
      }
    }
    List<UseOutcome> done = commands.isEmpty() ? List.of() : metering.useAll(commands);
    for (int i = 0; i < done.size(); i++) {
      int index = parsedAt.get(i);
      UseOutcome outcome = done.get(i);
      if (outcome instanceof UseOutcome.Accepted accepted) {
        outcomes.accept(accepted.result().replayed() ? REPLAYED : ACCEPTED);
        results[index] = BatchItemView.accepted(index, accepted.result());
      } else if (outcome instanceof UseOutcome.Refused refused) {
        outcomes.accept(refused.code().code());
        results[index] = BatchItemView.refused(index, refused.code(), refused.message());
      }
    }
    ctx.json(new BatchView(List.of(results)));
  }

  private void list(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    boolean customer = Access.isCustomer(ctx);
    Optional<OrgId> supplier = Params.query(ctx, "supplier_org_id", OrgId::of);
    if (customer && supplier.isPresent()) {
      throw new TallyException(
          ErrorCode.FORBIDDEN, "a customer key may not filter the usage log by supplier_org_id");
    }
    Optional<OrgId> org = Access.orgFilter(ctx, Params.query(ctx, "user_org_id", OrgId::of));
    Optional<UserId> user = Params.query(ctx, "user_id", UserId::of);
    Optional<ProductId> product = Params.query(ctx, "product_id", ProductId::of);
    Optional<SubscriptionId> subscription =
        Params.query(ctx, "subscription_id", SubscriptionId::of);
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> to = Params.instant(ctx, "to");
    UsageQuery query =
        Commands.build(() -> new UsageQuery(org, user, product, subscription, supplier, from, to));
    var page = metering.usage(query, Params.page(ctx));
    if (customer) {
      ctx.json(Views.page(page, UsageView::of));
    } else {
      ctx.json(Views.page(page, CostedUsageView::of));
    }
  }

  private void refund(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    UsageId id = Params.path(ctx, "usage_id", UsageId::of);
    JsonBody body = JsonBody.parse(ctx.body(), Set.of("amount", "reason"));
    body.decimal("amount");
    String reason = body.text("reason");
    Currency currency = metering.usage(id).sellPrice().currency();
    Money amount = body.money("amount", currency);
    Refund command = Commands.build(() -> new Refund(id, amount, reason));
    ctx.status(201).json(AccountingRoutes.TransactionView.of(metering.refund(command)));
  }

  private void statistics(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    StatsGrouping grouping =
        Params.query(ctx, "group_by", StatsGrouping::fromCode)
            .orElseThrow(
                () ->
                    new BadRequest(
                        "group_by is required: one of product, supplier, org, user, day"));
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> to = Params.instant(ctx, "to");
    Optional<OrgId> org = Params.query(ctx, "user_org_id", OrgId::of);
    StatsQuery query = Commands.build(() -> new StatsQuery(grouping, from, to, org));
    List<UsageStatsView> rows =
        metering.statistics(query).stream().map(UsageStatsView::of).toList();
    ctx.json(
        new StatsView(
            grouping.code(),
            from.orElse(null),
            to.orElse(null),
            org.map(OrgId::value).orElse(null),
            rows));
  }

  /** Reads one use from its body; a missing or malformed field is a 400 naming it. */
  static UseCommand command(JsonBody body) {
    Optional<ProductId> product = body.optionalValue("product_id", ProductId::of);
    Optional<SubscriptionId> subscription =
        body.optionalValue("subscription_id", SubscriptionId::of);
    UserId user = body.value("user_id", UserId::of);
    OrgId org = body.value("user_org_id", OrgId::of);
    Optional<ResourceType> type = body.optionalValue("resource_type", ResourceType::fromCode);
    Optional<ProductResourceId> resource =
        body.optionalValue("product_resource_id", ProductResourceId::of);
    Unit unit = body.value("used_unit", Unit::of);
    Quantity used = body.quantity("used_amount", unit);
    Map<String, BigDecimal> usage = body.usageCounts("usage");
    Map<String, String> attributes = body.attributes("attributes");
    Optional<OrgId> supplier = body.optionalValue("supplier_org_id", OrgId::of);
    String table = body.text("source_ref_table");
    String id = body.text("source_ref_id");
    SourceRef source = Commands.build(() -> SourceRef.of(table, id));
    Optional<Instant> useTime = body.optionalInstant("use_time");
    return Commands.build(
        () ->
            new UseCommand(
                product,
                subscription,
                user,
                org,
                type,
                resource,
                used,
                usage,
                attributes,
                supplier,
                source,
                useTime));
  }
}
