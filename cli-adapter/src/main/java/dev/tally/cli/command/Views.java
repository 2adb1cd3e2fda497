package dev.tally.cli.command;

import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaCheck;
import dev.tally.core.model.QuoteLine;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.model.Violation;
import java.util.List;
import java.util.Locale;

/**
 * How the domain's things print: the same field names as the HTTP API's JSON, amounts as exact
 * decimal strings with the scale they are stored with (money 6 decimals, unit prices 8,
 * quantities 4).
 */
final class Views {
  static final List<String> BALANCE_COLUMNS =
      List.of("customer_id", "balance", "credit_limit", "held", "available", "currency", "status");
  static final List<String> HOLD_COLUMNS =
      List.of("id", "customer_id", "amount", "currency", "status", "expires_at");
  static final List<String> PRODUCT_COLUMNS = List.of("id", "product_name", "owner_org_id", "status");
  static final List<String> SUPPLIER_COLUMNS = List.of("org_id", "supplier_name", "status");
  static final List<String> RESOURCE_COLUMNS =
      List.of("id", "resource_type", "resource_ref_id", "billing_mode", "used_unit", "unit_price",
          "pricing_program_id", "status");
  static final List<String> LINK_COLUMNS = List.of("supplier_org_id", "unit_cost", "currency", "priority", "status");
  static final List<String> SUBSCRIPTION_COLUMNS =
      List.of("id", "user_org_id", "product_id", "billing_mode", "quota_used", "quota_total", "quota_unit", "status");
  static final List<String> USAGE_COLUMNS =
      List.of("id", "user_org_id", "user_id", "used_amount", "used_unit", "sell_price", "total_cost",
          "supplier_org_id", "source_ref_id");
  static final List<String> STATS_COLUMNS = List.of("key", "unit", "uses", "used", "cost", "revenue", "margin");
  static final List<String> LEDGER_COLUMNS =
      List.of("transaction_id", "operation", "account", "sequence", "amount", "balance_after", "reference");
  static final List<String> PROGRAM_COLUMNS = List.of("id", "name", "currency", "discount", "price_lists", "version");
  static final List<String> QUOTE_LINE_COLUMNS = List.of("factor", "usage", "unit", "divisor", "unit_price", "amount");
  static final List<String> VIOLATION_COLUMNS = List.of("rule", "subject", "detail");

  private Views() {}

  static String amount(Money money) {
    return money.amount().toPlainString();
  }

  static String amount(LedgerAmount amount) {
    return amount.amount().toPlainString();
  }

  static String amount(UnitPrice price) {
    return price.perUnit().toPlainString();
  }

  static String amount(Quantity quantity) {
    return quantity.amount().toPlainString();
  }

  static Row balance(CustomerBalance balance) {
    return Row.of()
        .put("customer_id", balance.orgId())
        .put("balance", amount(balance.balance()))
        .put("credit_limit", amount(balance.creditLimit()))
        .put("held", amount(balance.held()))
        .put("available", amount(balance.available()))
        .put("currency", balance.currency().code())
        .put("status", balance.status().code())
        .put("last_recharge", balance.lastRecharge())
        .put("last_consumption", balance.lastConsumption())
        .put("sync_version", balance.ledgerSequence());
  }

  static Row hold(Hold hold) {
    return Row.of()
        .put("id", hold.id())
        .put("customer_id", hold.orgId())
        .put("user_id", hold.userId())
        .put("product_id", hold.productId())
        .put("amount", amount(hold.amount()))
        .put("currency", hold.amount().currency().code())
        .put("status", hold.status().code())
        .put("settled_amount", hold.settledAmount().map(Views::amount))
        .put("created_at", hold.createdAt())
        .put("expires_at", hold.expiresAt())
        .put("closed_at", hold.closedAt());
  }

  static Row product(Product product) {
    return Row.of()
        .put("id", product.id())
        .put("product_name", product.name())
        .put("owner_org_id", product.ownerOrgId())
        .put("description", product.description())
        .put("status", product.status().code())
        .put("created_at", product.createdAt());
  }

  static Row supplier(Supplier supplier) {
    return Row.of()
        .put("org_id", supplier.orgId())
        .put("supplier_name", supplier.name())
        .put("status", supplier.status().code())
        .put("created_at", supplier.createdAt());
  }

  static Row resource(ProductResource resource) {
    return Row.of()
        .put("id", resource.id())
        .put("product_id", resource.productId())
        .put("resource_type", resource.resourceType().code())
        .put("resource_ref_id", resource.resourceRefId())
        .put("billing_mode", resource.billingMode().code())
        .put("used_unit", resource.usedUnit().name())
        .put("unit_price", resource.unitPrice().map(Views::amount))
        .put("currency", resource.unitPrice().map(price -> price.currency().code()))
        .put("pricing_program_id", resource.pricingProgramId())
        .put("min_balance", resource.minBalance().map(Views::amount))
        .put("status", resource.status().code())
        .put("created_at", resource.createdAt());
  }

  static Row link(SupplierLink link) {
    return Row.of()
        .put("product_resource_id", link.resourceId())
        .put("supplier_org_id", link.supplierOrgId())
        .put("unit_cost", amount(link.unitCost()))
        .put("currency", link.unitCost().currency().code())
        .put("priority", link.priority())
        .put("status", link.status().code())
        .put("created_at", link.createdAt());
  }

  static Row subscription(Subscription subscription) {
    return Row.of()
        .put("id", subscription.id())
        .put("product_id", subscription.productId())
        .put("user_id", subscription.userId())
        .put("user_org_id", subscription.orgId())
        .put("billing_mode", subscription.billingMode().code())
        .put("quota_total", amount(subscription.quotaTotal()))
        .put("quota_used", amount(subscription.quotaUsed()))
        .put("quota_unit", subscription.quotaUnit().name())
        .put("period_start", subscription.periodStart())
        .put("period_end", subscription.periodEnd())
        .put("period", subscription.period())
        .put("allow_overage", subscription.allowOverage())
        .put("overage_unit_price", subscription.overageUnitPrice().map(Views::amount))
        .put("overage_cap", subscription.overageCap().map(Views::amount))
        .put("overage_used", amount(subscription.overageUsed()))
        .put("status", subscription.status().code())
        .put("auto_renew", subscription.autoRenew())
        .put("fee", amount(subscription.fee()))
        .put("currency", subscription.fee().currency().code())
        .put("created_at", subscription.createdAt());
  }

  static Row quota(QuotaCheck check) {
    return Row.of()
        .put("subscription_id", check.subscriptionId())
        .put("requested", amount(check.requested()))
        .put("quota_total", amount(check.quotaTotal()))
        .put("quota_used", amount(check.quotaUsed()))
        .put("remaining", amount(check.remaining()))
        .put("unit", check.remaining().unit().name())
        .put("overage_allowed", check.overageAllowed())
        .put("overage_headroom", check.overageHeadroom().map(Views::amount))
        .put("accepted", check.accepted())
        .put("refusal", check.refusal());
  }

  static Row usage(UsageRecord usage) {
    return Row.of()
        .put("id", usage.id())
        .put("product_id", usage.productId())
        .put("subscription_id", usage.subscriptionId())
        .put("user_id", usage.userId())
        .put("user_org_id", usage.orgId())
        .put("product_resource_id", usage.productResourceId())
        .put("resource_type", usage.resourceType().code())
        .put("resource_ref_id", usage.resourceRefId())
        .put("used_amount", amount(usage.usedAmount()))
        .put("used_unit", usage.usedAmount().unit().name())
        .put("in_quota_amount", amount(usage.inQuota()))
        .put("overage_amount", amount(usage.overage()))
        .put("sell_price", amount(usage.sellPrice()))
        .put("customer_discount", usage.customerDiscount().toPlainString())
        .put("currency", usage.sellPrice().currency().code())
        .put("billing_mode", usage.billingMode().code())
        .put("supplier_org_id", usage.supplierOrgId())
        .put("unit_cost", usage.unitCost().map(Views::amount))
        .put("total_cost", amount(usage.totalCost()))
        .put("source_ref_table", usage.sourceRef().table())
        .put("source_ref_id", usage.sourceRef().id())
        .put("use_time", usage.useTime())
        .put("biz_date", usage.bizDate())
        .put("created_at", usage.createdAt());
  }

  static Row stats(UsageStats stats) {
    return Row.of()
        .put("key", stats.key())
        .put("unit", stats.unit())
        .put("uses", stats.uses())
        .put("used", stats.used().toPlainString())
        .put("cost", stats.cost().toPlainString())
        .put("revenue", stats.revenue().toPlainString())
        .put("margin", stats.margin().toPlainString());
  }

  static Row ledgerEntry(LedgerEntry entry) {
    return Row.of()
        .put("transaction_id", entry.transactionId())
        .put("operation", entry.operation().code())
        .put("account", entry.account())
        .put("sequence", entry.sequence())
        .put("amount", amount(entry.amount()))
        .put("currency", entry.amount().currency().code())
        .put("balance_after", entry.balanceAfter().map(Views::amount))
        .put("reference", entry.reference())
        .put("memo", entry.memo())
        .put("biz_date", entry.bizDate())
        .put("created_at", entry.createdAt())
        .put("hash", entry.hash());
  }

  static Row transaction(LedgerTransaction transaction) {
    return Row.of()
        .put("transaction_id", transaction.id())
        .put("operation", transaction.operation().code())
        .put("reference", transaction.reference())
        .put("legs", transaction.legs().stream().map(Views::ledgerEntry).toList());
  }

  static Row program(PricingProgram program) {
    return Row.of()
        .put("id", program.id())
        .put("name", program.name())
        .put("currency", program.currency().code())
        .put("discount", program.discount().toPlainString())
        .put("price_lists", program.priceLists().size())
        .put("version", program.version());
  }

  static Row quote(PricingQuote quote) {
    return Row.of()
        .put("program_id", quote.programId())
        .put("price_list_date", quote.priceListDate())
        .put("subtotal", quote.subtotal().toPlainString())
        .put("discount", quote.discount().toPlainString())
        .put("customer_discount", quote.customerDiscount().toPlainString())
        .put("exact_total", quote.exactTotal().toPlainString())
        .put("total", amount(quote.total()))
        .put("currency", quote.total().currency().code())
        .put("lines", quote.lines().stream().map(Views::quoteLine).toList());
  }

  static Row quoteLine(QuoteLine line) {
    return Row.of()
        .put("factor", line.factor())
        .put("usage", line.usage().toPlainString())
        .put("unit", line.unit())
        .put("divisor", line.divisor().toPlainString())
        .put("unit_price", line.unitPrice().toPlainString())
        .put("amount", line.amount().toPlainString());
  }

  static Row verification(VerificationReport report) {
    return Row.of()
        .put("clean", report.isClean())
        .put("transactions", report.transactions())
        .put("entries", report.entries())
        .put("accounts", report.accounts())
        .put("usages", report.usages())
        .put("violations", report.violations().stream().map(Views::violation).toList());
  }

  static Row violation(Violation violation) {
    return Row.of()
        .put("rule", violation.rule().name().toLowerCase(Locale.ROOT))
        .put("subject", violation.subject())
        .put("detail", violation.detail());
  }
}
