package dev.tally.cli.torture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run works on, made through the API before the clients start: a reseller's three products
 * (pay per use by the token; a quota of calls; a quota of calls with overage up to a cap; quotas
 * small enough that clients use them up between renewals), each resource served by a supplier at a
 * cost, and the run's customers, each with a prepaid balance, a credit limit and a subscription to
 * the two quota products. Names carry the run's id, so that runs can share a database. The current
 * subscription of each customer to each quota product is kept here and updated as clients cancel
 * and subscribe again (thread-safe).
 */
final class TortureCatalogue {
  static final String USER = "u-1";
  static final BigDecimal INITIAL_RECHARGE = new BigDecimal("50");
  static final BigDecimal INITIAL_CREDIT_LIMIT = new BigDecimal("10");
  static final BigDecimal QUOTA_FEE = new BigDecimal("1");
  static final BigDecimal OVERAGE_FEE = new BigDecimal("2");

  final String runId;
  final String payPerUse;
  final String quota;
  final String overage;
  final List<String> customers;
  private final Map<String, String> subscriptions = new ConcurrentHashMap<>();

  private TortureCatalogue(
      String runId, String payPerUse, String quota, String overage, List<String> customers) {
    this.runId = runId;
    this.payPerUse = payPerUse;
    this.quota = quota;
    this.overage = overage;
    this.customers = List.copyOf(customers);
  }

  /** Creates the catalogue and the customers through {@code base}, recording what they paid. */
  static TortureCatalogue create(
      TortureHttp http, String base, ClientRecord record, String runId, int customerCount) {
    String reseller = "reseller-" + runId;
    String supplier = "supplier-" + runId;
    created(
        http.send(
            base,
            "POST",
            "/suppliers",
            "{\"org_id\":\"" + supplier + "\",\"supplier_name\":\"Torture supplier\"}"));
    String payPerUse =
        product(
            http, base, reseller, supplier, "Tokens", "llm", "model", "1", "token", "0.00002",
            "0.00001");
    String quota =
        product(
            http,
            base,
            reseller,
            supplier,
            "Search calls",
            "uapi",
            "search",
            "2",
            "call",
            "0.01",
            "0.005");
    String overage =
        product(
            http,
            base,
            reseller,
            supplier,
            "Translation calls",
            "uapi",
            "translate",
            "3",
            "call",
            "0.02",
            "0.01");
    List<String> customers = new ArrayList<>();
    for (int index = 0; index < customerCount; index++) {
      customers.add("c" + index + "-" + runId);
    }
    TortureCatalogue catalogue = new TortureCatalogue(runId, payPerUse, quota, overage, customers);
    for (String org : customers) {
      created(
          http.send(
              base,
              "POST",
              "/balances/" + org + "/recharge",
              "{\"amount\":\"" + INITIAL_RECHARGE + "\",\"reference\":\"initial\"}"));
      record.recharged(org, "initial", INITIAL_RECHARGE);
      created(
          http.send(
              base,
              "PUT",
              "/balances/" + org + "/credit-limit",
              "{\"credit_limit\":\"" + INITIAL_CREDIT_LIMIT + "\"}"));
      record.creditLimit(org, INITIAL_CREDIT_LIMIT);
      for (String product : List.of(quota, overage)) {
        TortureHttp.Reply subscribed =
            http.send(base, "POST", "/subscriptions", catalogue.subscribeBody(org, product));
        created(subscribed);
        record.paidFee(org, subscribed.money("fee"));
        catalogue.subscribed(org, product, subscribed.text("id"));
      }
    }
    return catalogue;
  }

  /** The body of a subscription of {@code org} to one of the two quota products. */
  String subscribeBody(String org, String product) {
    String terms =
        product.equals(quota)
            ? "\"billing_mode\":\"2\",\"quota_total\":\"40\",\"fee\":\"" + QUOTA_FEE + "\""
            : "\"billing_mode\":\"3\",\"quota_total\":\"20\",\"allow_overage\":true,"
                + "\"overage_unit_price\":\"0.03\",\"overage_cap\":\"10\",\"fee\":\""
                + OVERAGE_FEE
                + "\"";
    return "{\"product_id\":\""
        + product
        + "\",\"user_id\":\""
        + USER
        + "\",\"user_org_id\":\""
        + org
        + "\",\"quota_unit\":\"call\","
        + terms
        + "}";
  }

  void subscribed(String org, String product, String subscriptionId) {
    subscriptions.put(org + " " + product, subscriptionId);
  }

  /** The latest subscription of {@code org} to {@code product} the clients made. */
  String subscription(String org, String product) {
    return subscriptions.get(org + " " + product);
  }

  private static String product(
      TortureHttp http,
      String base,
      String reseller,
      String supplier,
      String name,
      String type,
      String ref,
      String mode,
      String unit,
      String price,
      String cost) {
    TortureHttp.Reply product =
        created(
            http.send(
                base,
                "POST",
                "/products",
                "{\"product_name\":\"" + name + "\",\"owner_org_id\":\"" + reseller + "\"}"));
    String productId = product.text("id");
    TortureHttp.Reply resource =
        created(
            http.send(
                base,
                "POST",
                "/products/" + productId + "/resources",
                "{\"resource_type\":\""
                    + type
                    + "\",\"resource_ref_id\":\""
                    + ref
                    + "\",\"billing_mode\":\""
                    + mode
                    + "\",\"used_unit\":\""
                    + unit
                    + "\",\"unit_price\":\""
                    + price
                    + "\"}"));
    created(
        http.send(
            base,
            "POST",
            "/resources/" + resource.text("id") + "/suppliers",
            "{\"supplier_org_id\":\""
                + supplier
                + "\",\"unit_cost\":\""
                + cost
                + "\",\"priority\":1}"));
    return productId;
  }

  private static TortureHttp.Reply created(TortureHttp.Reply reply) {
    if (!reply.ok()) {
      throw new IllegalStateException("preparing the torture catalogue failed: " + reply);
    }
    return reply;
  }
}
