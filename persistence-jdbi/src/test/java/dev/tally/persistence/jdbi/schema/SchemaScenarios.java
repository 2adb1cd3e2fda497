package dev.tally.persistence.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.ResourceType;
import dev.tally.core.port.out.StorageException;
import dev.tally.persistence.jdbi.Dialect;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;

/**
 * The schema on one database: Flyway takes a fresh database (a scratch database of its own, see
 * {@link ScratchDatabase}) to the newest migration of the dialect, and the live tables of {@code
 * tally_test} keep the platform's seed definitions ({@code src/test/resources/seeds/}) and code
 * sets. Columns Tally adds to a seed table are listed here, so that an unplanned one fails.
 */
abstract class SchemaScenarios {
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

  /** Columns Tally adds to the seed tables, and why. */
  private static final Map<String, Set<String>> KNOWN_ADDITIONS =
      Map.of(
          // the amount reserved by open holds (DESIGN 2, balances and holds)
          "customer_balance", Set.of("held_amount"),
          // the quota split, the currencies of price and cost, the ledger's business date and
          // the fingerprint a retry is compared with
          "product_usage_log",
              Set.of(
                  "in_quota_amount",
                  "overage_amount",
                  "currency",
                  "cost_currency",
                  "biz_date",
                  "request_hash",
                  // the customer's discount the use was charged with (issue 10)
                  "customer_discount"));

  /**
   * Seed columns whose type Tally widens, with the type they have and why. The balance and the
   * credit limit are charged and compared to 6 decimals, as seed 003's sell_price ("dec": 6) and
   * the platform's rounding are: DECIMAL(15,4) becomes DECIMAL(17,6), the same 11 digits before
   * the point, so that every value the seed's type holds still fits.
   */
  private static final Map<String, SeedTable.Decimal> WIDENED =
      Map.of(
          "customer_balance.balance", new SeedTable.Decimal(17, 6),
          "customer_balance.credit_limit", new SeedTable.Decimal(17, 6));

  /** Indexes the design makes unique where the seed does not say so. */
  private static final Set<String> MADE_UNIQUE = Set.of("idx_pul_source");

  abstract TestDatabase database();

  @Test
  void aFreshDatabaseIsMigratedToTheNewestVersion() {
    try (ScratchDatabase scratch = ScratchDatabase.create(database())) {
      JdbiStorage storage = JdbiStorage.create(scratch.dataSource());
      List<Integer> versions = migrationVersions();
      int newest = versions.get(versions.size() - 1);

      int ran = storage.migrate();

      assertThat(ran).as("migrations run on an empty database").isEqualTo(versions.size());
      MigrationInfoService info = flyway(scratch.dataSource(), storage.dialect()).info();
      assertThat(info.current()).as("current migration").isNotNull();
      assertThat(info.current().getVersion().getVersion()).isEqualTo(Integer.toString(newest));
      assertThat(info.pending()).as("pending migrations").isEmpty();
      assertThat(Arrays.stream(info.applied()).map(MigrationInfo::getState).map(Enum::name))
          .as("states of the applied migrations")
          .containsOnly("SUCCESS");
      storage.validate(); // throws when anything differs
      System.out.printf(
          Locale.ROOT,
          "[schema] %-10s | fresh database migrated to V%d (%d migrations)%n",
          database(),
          newest,
          ran);
    }
  }

  @Test
  void migratingAgainRunsNothing() {
    try (ScratchDatabase scratch = ScratchDatabase.create(database())) {
      JdbiStorage.create(scratch.dataSource()).migrate();

      // a second server starting on the same database
      JdbiStorage again = JdbiStorage.create(scratch.dataSource());

      assertThat(again.migrate()).as("migrations run on a migrated database").isZero();
      again.validate();
    }
  }

  @Test
  void validatingAnEmptyDatabaseFailsAndSaysWhy() {
    try (ScratchDatabase scratch = ScratchDatabase.create(database())) {
      JdbiStorage storage = JdbiStorage.create(scratch.dataSource());

      assertThatThrownBy(storage::validate)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("database schema is not at Tally's version")
          .hasMessageContaining("not applied")
          .hasCauseInstanceOf(org.flywaydb.core.api.FlywayException.class);
    }
  }

  @Test
  void customerBalanceKeepsItsSeedDefinition() {
    assertKeepsSeed(SeedTable.load("customer_balance"));
  }

  @Test
  void productUsageLogKeepsItsSeedDefinition() {
    assertKeepsSeed(SeedTable.load("product_usage_log"));
  }

  @Test
  void codeTablesHoldResourceTypesAndBillingModes() {
    DataSource dataSource = database().dataSource();
    Map<String, String> resourceTypes = codeSet(dataSource, "resource_type");
    Map<String, String> billingModes = codeSet(dataSource, "billing_mode");

    assertThat(resourceTypes).containsOnlyKeys("llm", "uapi", "rag", "storage", "compute", "other");
    assertThat(billingModes).containsOnlyKeys("1", "2", "3");
    assertThat(resourceTypes.values()).allSatisfy(label -> assertThat(label).isNotBlank());
    assertThat(billingModes.values()).allSatisfy(label -> assertThat(label).isNotBlank());
    // the code tables and core's closed sets say the same
    assertThat(resourceTypes.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ResourceType.values()).map(ResourceType::code).toList());
    assertThat(billingModes.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(BillingMode.values()).map(BillingMode::code).toList());
    assertThat(codeSetNames(dataSource)).containsKeys("resource_type", "billing_mode");
    assertThat(codeSetNames(dataSource).get("resource_type")).isNotBlank();
    assertThat(codeSetNames(dataSource).get("billing_mode")).isNotBlank();
  }

  @Test
  void seedCodeReferencesPointAtFilledCodeSets() {
    DataSource dataSource = database().dataSource();
    for (SeedTable.CodeSet code : SeedTable.load("product_usage_log").codeSets()) {
      if (!code.table().equals("appcodes_kv")) {
        continue; // references to other tables (product, suppliers) are not code sets
      }
      Matcher parent =
          Pattern.compile("parentid\\s*=\\s*'([^']+)'").matcher(code.condition().orElse(""));
      assertThat(parent.matches()).as("condition of %s", code).isTrue();
      assertThat(code.valueField()).isEqualTo("k");
      assertThat(code.textField()).isEqualTo("v");
      assertThat(codeSet(dataSource, parent.group(1)))
          .as("code set %s of field %s", parent.group(1), code.field())
          .isNotEmpty();
    }
  }

  /**
   * Every seed column exists with a matching type and the same nullability, every seed index exists
   * on the same columns in order, the primary key is the seed's, and the only other columns are the
   * known additions.
   */
  private void assertKeepsSeed(SeedTable seed) {
    LiveTable live = LiveTable.read(database().dataSource(), seed.name());
    Dialect dialect = JdbiStorage.create(database().dataSource()).dialect();
    assertThat(live.columns()).as("columns of %s", seed.name()).isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    for (SeedTable.Column column : seed.columns()) {
      LiveTable.Column found = live.columns().get(column.name());
      softly.assertThat(found).as("column %s.%s", seed.name(), column.name()).isNotNull();
      if (found == null) {
        continue;
      }
      String where = seed.name() + "." + column.name() + " (" + found + ")";
      SeedTable.Type type = column.type();
      if (type instanceof SeedTable.Varchar varchar) {
        softly.assertThat(found.jdbcType()).as("type of %s", where).isEqualTo(Types.VARCHAR);
        softly.assertThat(found.size()).as("length of %s", where).isEqualTo(varchar.length());
      } else if (type instanceof SeedTable.Decimal seedDecimal) {
        SeedTable.Decimal widened = WIDENED.get(seed.name() + "." + column.name());
        SeedTable.Decimal decimal = widened == null ? seedDecimal : widened;
        if (widened != null) {
          softly
              .assertThat(widened)
              .as("%s is a known difference, so it differs from the seed", where)
              .isNotEqualTo(seedDecimal);
          softly
              .assertThat(widened.scale())
              .as("scale of widened %s holds the seed's", where)
              .isGreaterThanOrEqualTo(seedDecimal.scale());
          softly
              .assertThat(widened.precision() - widened.scale())
              .as("integer digits of widened %s hold the seed's", where)
              .isGreaterThanOrEqualTo(seedDecimal.precision() - seedDecimal.scale());
        }
        softly
            .assertThat(found.jdbcType())
            .as("type of %s", where)
            .isIn(Types.DECIMAL, Types.NUMERIC);
        softly.assertThat(found.size()).as("precision of %s", where).isEqualTo(decimal.precision());
        softly
            .assertThat(found.decimalDigits())
            .as("scale of %s", where)
            .isEqualTo(decimal.scale());
      } else if (type instanceof SeedTable.FixedChar fixed) {
        softly.assertThat(found.jdbcType()).as("type of %s", where).isEqualTo(Types.CHAR);
        softly.assertThat(found.size()).as("length of %s", where).isEqualTo(fixed.length());
      } else if (type instanceof SeedTable.DateTime) {
        // DATETIME on MySQL/MariaDB; TIMESTAMP (without time zone) on H2 and PostgreSQL
        softly.assertThat(found.jdbcType()).as("type of %s", where).isEqualTo(Types.TIMESTAMP);
        softly
            .assertThat(found.typeName())
            .as("type name of %s", where)
            .isEqualToIgnoringCase(dialect == Dialect.MYSQL ? "DATETIME" : "TIMESTAMP");
      } else {
        softly.fail("unknown seed type %s of %s", type, where);
      }
      softly.assertThat(found.nullable()).as("%s is nullable", where).isEqualTo(column.nullable());
    }

    List<String> seedColumns = seed.columns().stream().map(SeedTable.Column::name).toList();
    List<String> extra = new ArrayList<>(live.columns().keySet());
    extra.removeAll(seedColumns);
    softly
        .assertThat(extra)
        .as("columns %s adds to the seed's", seed.name())
        .containsExactlyInAnyOrderElementsOf(KNOWN_ADDITIONS.getOrDefault(seed.name(), Set.of()));

    softly
        .assertThat(live.primaryKey())
        .as("primary key of %s", seed.name())
        .isEqualTo(seed.primaryKey());

    for (SeedTable.Index index : seed.indexes()) {
      LiveTable.Index found = live.indexes().get(index.name());
      softly
          .assertThat(found)
          .as("index %s of %s (indexes: %s)", index.name(), seed.name(), live.indexes().keySet())
          .isNotNull();
      if (found == null) {
        continue;
      }
      softly
          .assertThat(found.columns())
          .as("columns of index %s", index.name())
          .containsExactlyElementsOf(index.columns());
      softly
          .assertThat(found.unique())
          .as("index %s is unique", index.name())
          .isEqualTo(index.unique() || MADE_UNIQUE.contains(index.name()));
    }
    softly.assertAll();
    System.out.printf(
        Locale.ROOT,
        "[schema] %-10s | %s matches its seed: %d columns (+%d known additions), %d indexes%n",
        database(),
        seed.name(),
        seed.columns().size(),
        extra.size(),
        seed.indexes().size());
  }

  /** The versions of the migrations on the classpath, in order. */
  private static List<Integer> migrationVersions() {
    String folder = Dialect.MIGRATIONS.substring("classpath:".length());
    URL url = SchemaScenarios.class.getClassLoader().getResource(folder);
    assertThat(url).as("migration folder %s on the classpath", folder).isNotNull();
    try {
      URI uri = url.toURI();
      List<Integer> versions;
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          versions = versionsIn(jar.provider().getPath(uri));
        }
      } else {
        versions = versionsIn(Path.of(uri));
      }
      assertThat(versions).as("migrations in %s", folder).isNotEmpty();
      return versions;
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list " + url, e);
    }
  }

  private static List<Integer> versionsIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> VERSIONED.matcher(file.getFileName().toString()))
          .filter(Matcher::matches)
          .map(matcher -> Integer.parseInt(matcher.group(1)))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Flyway flyway(DataSource dataSource, Dialect dialect) {
    return JdbiStorage.flywayFor(dataSource, dialect);
  }

  /** The keys and labels of one code set in {@code appcodes_kv}. */
  private static Map<String, String> codeSet(DataSource dataSource, String parent) {
    return query(dataSource, "SELECT k, v FROM appcodes_kv WHERE parentid = ?", parent);
  }

  /** The code sets named in {@code appcodes}, with their labels. */
  private static Map<String, String> codeSetNames(DataSource dataSource) {
    return query(dataSource, "SELECT id, name FROM appcodes");
  }

  private static Map<String, String> query(DataSource dataSource, String sql, String... params) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      Map<String, String> rows = new TreeMap<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }
}
