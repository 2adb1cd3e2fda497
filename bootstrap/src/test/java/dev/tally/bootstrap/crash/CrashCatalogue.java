package dev.tally.bootstrap.crash;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.UseCommand;
import java.util.List;
import java.util.Optional;

/**
 * What the crash test bills: four customers rich enough for every cycle, and two resellers'
 * products sold per token and bought from one supplier, so that each use posts both a PAY and a
 * PAY_COST transaction. A use is derived from its source ref alone, so that a later process can
 * retry it exactly.
 */
record CrashCatalogue(List<ProductId> products) {
  static final String SOURCE_TABLE = "crash";
  static final List<OrgId> CUSTOMERS =
      List.of(OrgId.of("crash-a"), OrgId.of("crash-b"), OrgId.of("crash-c"), OrgId.of("crash-d"));
  static final Currency CURRENCY = Currency.CNY;

  static CrashCatalogue setUp(Tally tally) {
    OrgId supplier = OrgId.of("supplier-crash");
    tally.products().createSupplier(new CreateSupplier(supplier, "Crash supplies"));
    List<ProductId> products =
        List.of("reseller-crash-1", "reseller-crash-2").stream()
            .map(reseller -> product(tally, OrgId.of(reseller), supplier))
            .toList();
    for (OrgId customer : CUSTOMERS) {
      tally.balances()
          .recharge(new Recharge(customer, Money.of("1000000", CURRENCY), Optional.empty(), "setup"));
    }
    return new CrashCatalogue(products);
  }

  private static ProductId product(Tally tally, OrgId reseller, OrgId supplier) {
    Product product =
        tally.products()
            .createProduct(new CreateProduct("Crash chat", reseller, "", ProductStatus.PUBLISHED));
    ProductResource resource =
        tally.products()
            .bind(
                new BindResource(
                    product.id(),
                    ResourceType.LLM,
                    "model-crash",
                    BillingMode.PAY_PER_USE,
                    Unit.TOKEN,
                    Optional.of(UnitPrice.of("0.001", CURRENCY)),
                    Optional.empty(),
                    Optional.empty()));
    tally.products()
        .linkSupplier(
            new LinkSupplier(resource.id(), supplier, UnitPrice.of("0.0004", CURRENCY), 1));
    return product.id();
  }

  /** The one use a source ref stands for: the same ref always gives the same request. */
  UseCommand use(String ref) {
    int hash = ref.hashCode() & Integer.MAX_VALUE;
    return UseCommand.builder(
            products.get(hash % products.size()), UserId.of("crash-user"), customer(hash / 7))
        .used(Quantity.of(1 + (hash / 31) % 1000, Unit.TOKEN))
        .sourceRef(SourceRef.of(SOURCE_TABLE, ref))
        .build();
  }

  static OrgId customer(int pick) {
    return CUSTOMERS.get(Math.floorMod(pick, CUSTOMERS.size()));
  }
}
