package dev.tally.bootstrap;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.UseCommand;
import java.util.Optional;

/** A product sold per token and a customer rich enough for thousands of uses. */
record DurabilityFixture(Product product) {
  static final OrgId CUSTOMER = OrgId.of("acme");

  static DurabilityFixture setUp(Tally tally) {
    Product product =
        tally.products()
            .createProduct(
                new CreateProduct("Chat", OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));
    tally.products()
        .bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "model-1",
                BillingMode.PAY_PER_USE,
                Unit.TOKEN,
                Optional.of(UnitPrice.of("0.001", Currency.CNY)),
                Optional.empty(),
                Optional.empty()));
    tally.balances()
        .recharge(
            new Recharge(CUSTOMER, Money.of("1000000", Currency.CNY), Optional.empty(), "setup"));
    return new DurabilityFixture(product);
  }

  void use(Tally tally, String sourceRef) {
    tally.metering()
        .use(
            UseCommand.builder(product.id(), UserId.of("alice"), CUSTOMER)
                .used(Quantity.of(100, Unit.TOKEN))
                .sourceRef(SourceRef.of("durability", sourceRef))
                .build());
  }
}
