package dev.tally.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.core.model.Currency;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.testing.FakeClock;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TallyTest {
  private static final OrgId ACME = OrgId.of("acme");

  @TempDir Path data;

  @Test
  void keepsItsDataInAnH2FileAcrossRestarts() {
    TallyConfig config = config(Map.of("TALLY_DATABASE_URL", fileUrl()));
    try (Tally tally = Tally.open(config)) {
      tally.balances().recharge(new Recharge(ACME, cny("12.5"), Optional.empty(), ""));
      assertThat(tally.databaseProduct()).isEqualTo("H2");
    }

    try (Tally reopened = Tally.open(config)) {
      assertThat(reopened.balances().balance(ACME).balance()).isEqualTo(cny("12.5"));
      assertThat(reopened.ledger().verify().isClean()).isTrue();
    }
  }

  @Test
  void runsOnTheEmbeddedDefaultAndKeepsItsDataAcrossRestarts() {
    TallyConfig config =
        config(Map.of("TALLY_DATABASE_URL", DatabaseConfig.EMBEDDED_SCHEME + data.resolve("tally")));
    try (Tally tally = Tally.open(config)) {
      tally.balances().recharge(new Recharge(ACME, cny("12.5"), Optional.empty(), ""));
      assertThat(tally.databaseProduct()).isEqualTo("POSTGRESQL");
    }

    try (Tally reopened = Tally.open(config)) {
      assertThat(reopened.balances().balance(ACME).balance()).isEqualTo(cny("12.5"));
      assertThat(reopened.ledger().verify().isClean()).isTrue();
    }
  }

  @Test
  void opensOnPostgresqlWithOneConfigKey() {
    assertOpensOn(TestDatabase.POSTGRESQL, "POSTGRESQL");
  }

  @Test
  void opensOnMariadbWithOneConfigKey() {
    assertOpensOn(TestDatabase.MARIADB, "MYSQL");
  }

  private void assertOpensOn(TestDatabase database, String product) {
    database.emptyStorage();
    TallyConfig config =
        config(
            Map.of(
                "TALLY_DATABASE_URL", database.url(),
                "TALLY_DATABASE_USER", database.user(),
                "TALLY_DATABASE_PASSWORD", database.password()));
    try (Tally tally = Tally.open(config)) {
      tally.balances().recharge(new Recharge(ACME, cny("3"), Optional.empty(), ""));

      assertThat(tally.databaseProduct()).isEqualTo(product);
      assertThat(tally.balances().balance(ACME).balance()).isEqualTo(cny("3"));
    }
  }

  @Test
  void inValidateModeRefusesADatabaseWithoutTallysSchema() {
    TallyConfig config =
        config(Map.of("TALLY_DATABASE_URL", fileUrl(), "TALLY_DATABASE_MIGRATION", "validate"));

    assertThatThrownBy(() -> Tally.open(config))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("not at Tally's version");
  }

  @Test
  void inValidateModeOpensADatabaseAtTheLatestVersion() {
    try (Tally migrated = Tally.open(config(Map.of("TALLY_DATABASE_URL", fileUrl())))) {
      migrated.balances().recharge(new Recharge(ACME, cny("1"), Optional.empty(), ""));
    }
    TallyConfig validateOnly =
        config(Map.of("TALLY_DATABASE_URL", fileUrl(), "TALLY_DATABASE_MIGRATION", "validate"));

    try (Tally tally = Tally.open(validateOnly)) {
      assertThat(tally.balances().balance(ACME).balance()).isEqualTo(cny("1"));
    }
  }

  @Test
  void reportsAnUnreachableDatabaseNamingItsUrl() {
    TallyConfig config =
        config(Map.of("TALLY_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1"));

    assertThatThrownBy(() -> Tally.open(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/nowhere");
  }

  @Test
  void leavesADataSourceItWasGivenOpenButClosesThePoolItMade() {
    JdbcDataSource given = new JdbcDataSource();
    given.setURL("jdbc:h2:mem:given;DB_CLOSE_DELAY=-1");
    try (Tally tally = Tally.builder().dataSource(given).build()) {
      tally.balances().recharge(new Recharge(ACME, cny("1"), Optional.empty(), ""));
    }
    try (Tally again = Tally.builder().dataSource(given).build()) {
      assertThat(again.balances().balance(ACME).balance()).isEqualTo(cny("1"));
    }

    Tally opened = Tally.open(config(Map.of("TALLY_DATABASE_URL", fileUrl())));
    opened.close();
    assertThatThrownBy(() -> opened.balances().balance(ACME))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void releasesExpiredHoldsInTheBackground() throws InterruptedException {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
    JdbcDataSource source = new JdbcDataSource();
    source.setURL("jdbc:h2:mem:sweeps;DB_CLOSE_DELAY=-1");
    try (Tally tally =
        Tally.builder()
            .dataSource(source)
            .clock(clock)
            .maintenance(new MaintenanceConfig(Duration.ofMillis(50)))
            .build()) {
      Product product =
          tally.products()
              .createProduct(
                  new CreateProduct("Chat", OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));
      tally.balances().recharge(new Recharge(ACME, cny("10"), Optional.empty(), ""));
      var hold =
          tally.holds()
              .reserve(
                  new ReserveHold(ACME, UserId.of("u"), product.id(), cny("4"), Duration.ofMinutes(1)));
      assertThat(tally.balances().balance(ACME).available()).isEqualTo(cny("6"));

      clock.advance(Duration.ofMinutes(2));

      awaitTrue(() -> tally.holds().hold(hold.id()).status() == HoldStatus.EXPIRED);
      assertThat(tally.balances().balance(ACME).available()).isEqualTo(cny("10"));
      assertThatThrownBy(() -> tally.holds().settle(hold.id(), cny("1")))
          .isInstanceOf(TallyException.class);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private String fileUrl() {
    return "jdbc:h2:file:" + data.resolve("tally") + ";WRITE_DELAY=0";
  }

  private static TallyConfig config(Map<String, String> environment) {
    return ConfigLoader.load(Optional.empty(), environment);
  }

  private static Money cny(String amount) {
    return Money.of(amount, Currency.CNY);
  }
}
