package dev.tally.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.Subscribe;
import dev.tally.core.service.TallyCore;
import java.io.UncheckedIOException;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A catalogue and customers for the metering API tests, set up through the core directly: products
 * of {@link #RESELLER} with one LLM resource priced per token and served by {@link #SUPPLIER}, and
 * JSON bodies of uses to send.
 */
final class MeteringSetup {
  static final OrgId RESELLER = OrgId.of("reseller-1");
  static final OrgId SUPPLIER = OrgId.of("supplier-1");
  static final String USER = "user-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TallyCore core;
  private final AtomicInteger products = new AtomicInteger();

  MeteringSetup(TallyCore core) {
    this.core = core;
  }

  /**
   * A published product with a pay-per-use resource at {@code unitPrice} a token, cost {@code
   * unitCost}.
   */
  ProductResource payPerUse(String unitPrice, String unitCost) {
    return soldIn(BillingMode.PAY_PER_USE, unitPrice, unitCost);
  }

  ProductResource soldIn(BillingMode mode, String unitPrice, String unitCost) {
    Product product =
        core.products()
            .createProduct(
                new CreateProduct(
                    "product " + products.incrementAndGet(),
                    RESELLER,
                    "",
                    ProductStatus.PUBLISHED));
    ProductResource resource =
        core.products()
            .bind(
                new BindResource(
                    product.id(),
                    ResourceType.LLM,
                    "model-" + products.get(),
                    mode,
                    Unit.TOKEN,
                    Optional.of(UnitPrice.of(unitPrice, Currency.CNY)),
                    Optional.empty(),
                    Optional.empty()));
    supplier();
    core.products()
        .linkSupplier(
            new LinkSupplier(resource.id(), SUPPLIER, UnitPrice.of(unitCost, Currency.CNY), 0));
    return resource;
  }

  private void supplier() {
    try {
      core.products().supplier(SUPPLIER);
    } catch (dev.tally.core.error.TallyException absent) {
      core.products().createSupplier(new CreateSupplier(SUPPLIER, "Supplier one"));
    }
  }

  MeteringSetup recharged(String org, String amount) {
    core.balances()
        .recharge(
            new Recharge(OrgId.of(org), Money.of(amount, Currency.CNY), Optional.empty(), "test"));
    return this;
  }

  MeteringSetup creditLimit(String org, String limit) {
    core.balances().setCreditLimit(OrgId.of(org), Money.of(limit, Currency.CNY));
    return this;
  }

  /** Subscribes {@code org} to the resource's product with a monthly token quota, no overage. */
  Subscription subscribed(String org, ProductResource resource, String quota) {
    return core.subscriptions()
        .subscribe(
            new Subscribe(
                resource.productId(),
                UserId.of(USER),
                OrgId.of(org),
                Optional.of(BillingMode.QUOTA),
                Quantity.of(quota, Unit.TOKEN),
                Period.ofMonths(1),
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty()));
  }

  CustomerBalance balance(String org) {
    return core.balances().balance(OrgId.of(org));
  }

  /** The body of a use of {@code tokens} tokens of {@code resource}'s product by {@code org}. */
  static Map<String, Object> use(ProductResource resource, String org, String tokens, String ref) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("product_id", resource.productId().value());
    body.put("user_id", USER);
    body.put("user_org_id", org);
    body.put("used_amount", tokens);
    body.put("used_unit", "token");
    body.put("source_ref_table", "llm_request");
    body.put("source_ref_id", ref);
    return body;
  }

  static String useJson(ProductResource resource, String org, String tokens, String ref) {
    return json(use(resource, org, tokens, ref));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
