package dev.tally.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.Currency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path directory;

  @Test
  void givesEveryKeyADefaultSoThatNoFileIsNeeded() {
    TallyConfig config = ConfigLoader.load(Optional.empty(), Map.of());

    assertThat(config.database().url()).isEqualTo(DatabaseConfig.DEFAULT_URL);
    assertThat(config.database().url()).isEqualTo("embedded-postgresql:./data/tally");
    assertThat(config.database().embeddedDirectory()).contains(Path.of("./data/tally"));
    assertThat(config.database().user()).isEqualTo("sa");
    assertThat(config.database().password().isEmpty()).isTrue();
    assertThat(config.database().poolSize()).isEqualTo(10);
    assertThat(config.database().migration()).isEqualTo(MigrationMode.MIGRATE);
    assertThat(config.billing().businessZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(config.billing().defaultCurrency()).isEqualTo(Currency.CNY);
    assertThat(config.maintenance().interval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsNestedKeysFromTheFile() throws IOException {
    Path file =
        yaml(
            """
            database:
              url: jdbc:postgresql://127.0.0.1:5432/tally
              user: tally
              password: s3cret
              pool_size: 32
              migration: validate
            billing:
              business_zone: UTC
              default_currency: USD
            maintenance:
              interval_seconds: 0
            """);

    TallyConfig config = ConfigLoader.load(Optional.of(file), Map.of());

    assertThat(config.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/tally");
    assertThat(config.database().user()).isEqualTo("tally");
    assertThat(config.database().password().reveal()).isEqualTo("s3cret");
    assertThat(config.database().poolSize()).isEqualTo(32);
    assertThat(config.database().migration()).isEqualTo(MigrationMode.VALIDATE);
    assertThat(config.billing().businessZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.billing().defaultCurrency()).isEqualTo(Currency.of("USD"));
    assertThat(config.maintenance().isEnabled()).isFalse();
  }

  @Test
  void letsAnEnvironmentVariableOverrideTheFileAndTheDefault() throws IOException {
    Path file = yaml("database:\n  pool_size: 32\n");

    TallyConfig config =
        ConfigLoader.load(
            Optional.of(file),
            Map.of(
                "TALLY_DATABASE_POOL_SIZE", "7",
                "TALLY_BILLING_DEFAULT_CURRENCY", "EUR",
                "TALLY_DATABASE_URL", "jdbc:mariadb://127.0.0.1:3306/tally"));

    assertThat(config.database().poolSize()).isEqualTo(7);
    assertThat(config.billing().defaultCurrency()).isEqualTo(Currency.of("EUR"));
    assertThat(config.database().url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/tally");
  }

  @Test
  void failsOnAnUnknownKeyNamingIt() throws IOException {
    Path file = yaml("database:\n  urll: jdbc:h2:mem:x\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'database.urll'")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("database.url");
  }

  @Test
  void failsOnABadValueNamingTheKeyTheValueAndWhereItCameFrom() throws IOException {
    Path file = yaml("database:\n  pool_size: lots\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.pool_size")
        .hasMessageContaining("'lots'")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("TALLY_DATABASE_POOL_SIZE", "0")))
        .hasMessageContaining("database.pool_size must be a whole number from 1 to 200, got '0'")
        .hasMessageContaining("TALLY_DATABASE_POOL_SIZE");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("TALLY_BILLING_BUSINESS_ZONE", "Mars/Base")))
        .hasMessageContaining("billing.business_zone")
        .hasMessageContaining("'Mars/Base'");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("TALLY_DATABASE_MIGRATION", "sometimes")))
        .hasMessageContaining("database.migration must be one of migrate, validate, got 'sometimes'");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("TALLY_DATABASE_URL", "postgres://x")))
        .hasMessageContaining("database.url");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("TALLY_BILLING_DEFAULT_CURRENCY", "yuan")))
        .hasMessageContaining("billing.default_currency");
  }

  @Test
  void groupCommitHasTwoLanesUnlessToldAndRefusesFewerThanOne() throws IOException {
    assertThat(ConfigLoader.load(Optional.empty(), Map.of()).metering().groupCommitLanes())
        .isEqualTo(2);
    Path file = yaml("metering:\n  group_commit:\n    lanes: 4\n");
    assertThat(ConfigLoader.load(Optional.of(file), Map.of()).metering().groupCommitLanes())
        .isEqualTo(4);

    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), Map.of("TALLY_METERING_GROUP_COMMIT_LANES", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "metering.group_commit.lanes must be a whole number from 1 to 64, got '0'")
        .hasMessageContaining("TALLY_METERING_GROUP_COMMIT_LANES");
  }

  @Test
  void neverShowsASecretInAMessageNorInToString() {
    TallyConfig config =
        ConfigLoader.load(Optional.empty(), Map.of("TALLY_DATABASE_PASSWORD", "hunter2-very-secret"));

    assertThat(config.toString()).doesNotContain("hunter2");
    assertThat(config.database().toString()).doesNotContain("hunter2").contains("(secret)");
    TallyConfig inUrl =
        ConfigLoader.load(
            Optional.empty(),
            Map.of("TALLY_DATABASE_URL", "jdbc:postgresql://db:5432/tally?password=hunter2-in-url"));
    assertThat(inUrl.toString()).doesNotContain("hunter2");
    assertThat(inUrl.database().safeUrl()).isEqualTo("jdbc:postgresql://db:5432/tally");
  }

  @Test
  void acceptsAnEmptyFileAndRefusesOneThatIsNotAMapping() throws IOException {
    assertThat(ConfigLoader.load(Optional.of(yaml("")), Map.of()).database().poolSize())
        .isEqualTo(10);
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(yaml("- a\n- b\n")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mapping");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(yaml("database: [1, 2]\n")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(yaml("database:\n  url: [\n")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void failsClearlyOnAMissingFile() {
    Path missing = directory.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read config file")
        .hasMessageContaining(missing.toString());
  }

  private Path yaml(String text) throws IOException {
    Path file = Files.createTempFile(directory, "tally", ".yaml");
    Files.writeString(file, text);
    return file;
  }
}
