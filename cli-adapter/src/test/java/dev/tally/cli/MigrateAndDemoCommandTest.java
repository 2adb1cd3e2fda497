package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.bootstrap.MigrationMode;
import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateAndDemoCommandTest {
  @TempDir Path dir;

  @Test
  void migrateCreatesTheSchemaAndASecondRunFindsItUpToDate() throws Exception {
    Cli cli = Cli.in(dir);

    Cli.Result first = cli.tally("migrate").succeeded();
    Cli.Result second = cli.tally("migrate").succeeded();

    assertThat(first.out()).startsWith("schema is up to date on H2 (jdbc:h2:file:");
    assertThat(first.out()).doesNotContain("WRITE_DELAY");
    assertThat(second.out()).isEqualTo(first.out());
    TallyConfig config = cli.config();
    TallyConfig validating = config.withDatabase(config.database().withMigration(MigrationMode.VALIDATE));
    try (Tally tally = Tally.open(validating)) {
      assertThat(tally.databaseProduct()).isEqualTo("H2");
    }
  }

  @Test
  void demoLoadsTheCatalogueOnceAndPrintsAnAdminKeyThatWorks() throws Exception {
    Cli cli = Cli.in(dir);

    Cli.Result first = cli.tally("demo").succeeded();
    Cli.Result second = cli.tally("demo").succeeded();

    assertThat(first.out()).startsWith("demo catalogue loaded" + System.lineSeparator());
    assertThat(second.out()).startsWith("demo catalogue already present" + System.lineSeparator());
    String key = first.line("admin key");
    assertThat(key).startsWith("tly_");
    try (Tally tally = cli.open()) {
      Principal admin = tally.credentials().authenticateKey(key, "127.0.0.1");
      assertThat(admin.role()).isEqualTo(Role.ADMIN);
      assertThat(tally.balances().balance(OrgId.of("acme")).balance().amount())
          .isEqualByComparingTo("90.1");
      // the second run loaded nothing more: acme paid its subscription fee once
      assertThat(tally.balances().balances(Optional.empty(), PageRequest.first(10)).total())
          .isEqualTo(3);
    }
  }

  @Test
  void demoPrintsNoKeyWhenAnAdminKeyIsConfigured() throws Exception {
    Cli cli = Cli.in(dir, "security:\n  admin_key: configured-admin-key-0123456789\n");

    Cli.Result demo = cli.tally("demo").succeeded();

    assertThat(demo.out()).isEqualTo("demo catalogue loaded" + System.lineSeparator());
    try (Tally tally = cli.open()) {
      assertThat(
              tally.credentials()
                  .authenticateKey("configured-admin-key-0123456789", "127.0.0.1")
                  .role())
          .isEqualTo(Role.ADMIN);
    }
  }
}
