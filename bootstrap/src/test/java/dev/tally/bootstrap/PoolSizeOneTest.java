package dev.tally.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
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
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code database.pool_size: 1}, which the docs allow, opens Tally and serves a use: the schema's
 * migration must not wait for a second connection the pool will never give.
 */
class PoolSizeOneTest {
  private static final Currency CNY = Currency.CNY;
  private static final OrgId ACME = OrgId.of("acme");

  @TempDir Path data;

  @Test
  @Timeout(120)
  void migratesAFreshEmbeddedDatabaseAndServesAUseOnOneConnection() {
    TallyConfig config =
        config(
            Map.of(
                "TALLY_DATABASE_URL", DatabaseConfig.EMBEDDED_SCHEME + data.resolve("tally"),
                "TALLY_DATABASE_POOL_SIZE", "1"));

    try (Tally tally = Tally.open(config)) {
      assertServesAUse(tally);
    }
  }

  @Test
  @Timeout(120)
  void opensOnAPostgresqlServerAndServesAUseOnOneConnection() {
    TestDatabase database = TestDatabase.POSTGRESQL;
    database.emptyStorage();
    TallyConfig config =
        config(
            Map.of(
                "TALLY_DATABASE_URL", database.url(),
                "TALLY_DATABASE_USER", database.user(),
                "TALLY_DATABASE_PASSWORD", database.password(),
                "TALLY_DATABASE_POOL_SIZE", "1"));

    try (Tally tally = Tally.open(config)) {
      assertServesAUse(tally);
    }
  }

  private static void assertServesAUse(Tally tally) {
    Product product =
        tally.products().createProduct(
            new CreateProduct("Chat API", OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));
    ProductResource llm =
        tally.products().bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "model-1",
                BillingMode.PAY_PER_USE,
                Unit.TOKEN,
                Optional.of(UnitPrice.of("0.00002", CNY)),
                Optional.empty(),
                Optional.empty()));
    tally.products().createSupplier(new CreateSupplier(OrgId.of("supplier-1"), "Upstream"));
    tally.products().linkSupplier(
        new LinkSupplier(llm.id(), OrgId.of("supplier-1"), UnitPrice.of("0.00001", CNY), 0));
    tally.balances().recharge(new Recharge(ACME, Money.of("10", CNY), Optional.of("pay-1"), ""));

    UseResult result =
        tally.metering().use(
            UseCommand.builder(product.id(), UserId.of("alice"), ACME)
                .used(Quantity.of(1_000, Unit.TOKEN))
                .sourceRef(SourceRef.of("chat_request", "req-1"))
                .build());

    assertThat(result.usage().sellPrice()).isEqualTo(Money.of("0.02", CNY));
    assertThat(tally.balances().balance(ACME).balance()).isEqualTo(Money.of("9.98", CNY));
  }

  private static TallyConfig config(Map<String, String> environment) {
    return ConfigLoader.load(Optional.empty(), environment).withoutBackgroundWork();
  }
}
