package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageAndConfigErrorsTest {
  @TempDir Path dir;

  @Test
  void aBadConfigValueExits3NamingTheKey() throws Exception {
    Cli cli = Cli.in(dir, "sync:\n  page_size: lots\n");

    Cli.Result migrate = cli.tally("migrate");

    assertThat(migrate.status()).isEqualTo(3);
    assertThat(migrate.out()).isEmpty();
    assertThat(migrate.err())
        .contains("config key sync.page_size must be a whole number from 1 to 1000, got 'lots'")
        .contains(cli.configFile().toString());
  }

  @Test
  void anUnknownConfigKeyExits3NamingIt() throws Exception {
    Cli cli = Cli.in(dir, "server:\n  prot: 8081\n");

    Cli.Result demo = cli.tally("demo");

    assertThat(demo.status()).isEqualTo(3);
    assertThat(demo.err()).contains("unknown config key 'server.prot'");
  }

  @Test
  void aMissingConfigFileExits3() {
    Cli.Result migrate = Cli.bare("migrate", "--config", dir.resolve("absent.yaml").toString());

    assertThat(migrate.status()).isEqualTo(3);
    assertThat(migrate.err()).contains("cannot read config file").contains("absent.yaml");
  }

  @Test
  void anUnknownCommandExits2() {
    Cli.Result unknown = Cli.bare("frobnicate");

    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unmatched argument", "'frobnicate'");
    assertThat(unknown.out()).isEmpty();
  }

  @Test
  void anUnknownOptionExits2() {
    Cli.Result unknown = Cli.bare("migrate", "--frobnicate");

    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").contains("Usage: tally migrate");
  }

  @Test
  void aMissingRequiredOptionExits2() {
    Cli.Result create = Cli.bare("apikey", "create");

    assertThat(create.status()).isEqualTo(2);
    assertThat(create.err()).contains("Missing required option: '--role=<role>'");
  }
}
