package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
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
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.service.TallyCore;
import java.time.Period;
import java.util.Optional;

/**
 * The catalogue the concurrency scenarios share, set up through a {@link TallyCore}: a published
 * product of {@link #RESELLER} with one LLM resource priced per token, served by {@link #SUPPLIER},
 * and one customer org {@link #CUSTOMER}. The use commands it builds are plain values that any
 * Tally instance on the same database can run. Setup is not thread-safe; building commands is.
 */
final class Shop {
  static final OrgId RESELLER = OrgId.of("reseller-1");
  static final OrgId SUPPLIER = OrgId.of("supplier-1");
  static final OrgId CUSTOMER = OrgId.of("acme");
  static final UserId USER = UserId.of("user-1");
  static final String SOURCE_TABLE = "llm_request";

  private final TallyCore core;
  private final ProductResource resource;

  private Shop(TallyCore core, ProductResource resource) {
    this.core = core;
    this.resource = resource;
  }

  /** A published product whose one resource is billed in {@code mode} at {@code unitPrice}. */
  static Shop selling(TallyCore core, BillingMode mode, String unitPrice, String unitCost) {
    Product product =
        core.products()
            .createProduct(
                new CreateProduct("Concurrent LLM", RESELLER, "", ProductStatus.PUBLISHED));
    ProductResource resource =
        core.products()
            .bind(
                new BindResource(
                    product.id(),
                    ResourceType.LLM,
                    "model-1",
                    mode,
                    Unit.TOKEN,
                    Optional.of(cny(unitPrice)),
                    Optional.empty(),
                    Optional.empty()));
    core.products().createSupplier(new CreateSupplier(SUPPLIER, "Supplier one"));
    core.products().linkSupplier(new LinkSupplier(resource.id(), SUPPLIER, cny(unitCost), 0));
    return new Shop(core, resource);
  }

  ProductId productId() {
    return resource.productId();
  }

  /** Recharges the customer with {@code recharge} and gives it {@code creditLimit}. */
  CustomerBalance customerWith(String recharge, String creditLimit) {
    return customerWith(CUSTOMER, recharge, creditLimit);
  }

  /** Recharges another customer {@code org} of the same reseller. */
  CustomerBalance customerWith(OrgId org, String recharge, String creditLimit) {
    core.balances()
        .recharge(
            new Recharge(
                org, Money.of(recharge, Currency.CNY), Optional.empty(), "concurrency test"));
    return core.balances().setCreditLimit(org, Money.of(creditLimit, Currency.CNY));
  }

  /** Subscribes the customer in mode 2 (quota, no overage, no fee) with {@code quota} tokens. */
  Subscription quotaSubscription(long quota) {
    return core.subscriptions()
        .subscribe(
            new Subscribe(
                productId(),
                USER,
                CUSTOMER,
                Optional.of(BillingMode.QUOTA),
                Quantity.of(quota, Unit.TOKEN),
                Period.ofMonths(1),
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty()));
  }

  /** A use of {@code tokens} tokens by the customer, keyed by {@code sourceRefId}. */
  UseCommand use(String sourceRefId, long tokens) {
    return use(CUSTOMER, sourceRefId, tokens);
  }

  /** A use of {@code tokens} tokens by the customer {@code org}, keyed by {@code sourceRefId}. */
  UseCommand use(OrgId org, String sourceRefId, long tokens) {
    return UseCommand.builder(productId(), USER, org)
        .used(Quantity.of(tokens, Unit.TOKEN))
        .sourceRef(SourceRef.of(SOURCE_TABLE, sourceRefId))
        .build();
  }

  CustomerBalance balance() {
    return core.balances().balance(CUSTOMER);
  }

  private static UnitPrice cny(String price) {
    return UnitPrice.of(price, Currency.CNY);
  }
}
