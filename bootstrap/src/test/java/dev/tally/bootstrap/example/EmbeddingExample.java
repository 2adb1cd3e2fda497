package dev.tally.bootstrap.example;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
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
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.UseCommand;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Tally as a library: sell an LLM per token, recharge a customer, meter one use, read the balance.
 * docs/embedding.md shows this file; EmbeddingExampleTest runs it.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  public static void main(String[] args) {
    // defaults: an H2 file under ./data/; tally.yaml or TALLY_* variables change anything
    run(ConfigLoader.load(Optional.empty()), System.out);
  }

  // example:start
  public static void run(TallyConfig config, PrintStream out) {
    Currency cny = Currency.CNY;
    try (Tally tally = Tally.open(config)) {
      // the catalogue: a reseller's product selling an LLM per token, bought from a supplier
      Product product =
          tally.products().createProduct(
              new CreateProduct("Chat API", OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));
      ProductResource llm =
          tally.products().bind(
              new BindResource(
                  product.id(),
                  ResourceType.LLM,
                  "minimax-m3",
                  BillingMode.PAY_PER_USE,
                  Unit.TOKEN,
                  Optional.of(UnitPrice.of("0.00002", cny)),
                  Optional.empty(),
                  Optional.empty()));
      tally.products().createSupplier(new CreateSupplier(OrgId.of("supplier-1"), "Upstream"));
      tally.products().linkSupplier(
          new LinkSupplier(llm.id(), OrgId.of("supplier-1"), UnitPrice.of("0.00001", cny), 0));

      // a customer pays in 10 CNY, then makes a call of 12,345 tokens
      OrgId acme = OrgId.of("acme");
      tally.balances().recharge(new Recharge(acme, Money.of("10", cny), Optional.of("pay-1"), ""));
      UseResult result =
          tally.metering().use(
              UseCommand.builder(product.id(), UserId.of("alice"), acme)
                  .used(Quantity.of(12_345, Unit.TOKEN))
                  .sourceRef(SourceRef.of("chat_request", "req-0001"))
                  .build());

      CustomerBalance balance = tally.balances().balance(acme);
      out.println("charged " + result.usage().sellPrice() + ", cost " + result.usage().totalCost());
      out.println("balance " + balance.balance());
      out.println("ledger clean: " + tally.ledger().verify().isClean());
    }
  }
  // example:end
}
