package dev.tally.persistence.jdbi.schema;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as the platform's seed document defines it (test resource {@code seeds/<table>.json}).
 * The seed documents come in two shapes, both read here: SQL-like types with a boolean {@code
 * nullable} and {@code idxfields} ({@code customer_balance}), or abstract types ({@code str},
 * {@code double}, {@code char}, {@code datetime}) with {@code length}/{@code dec}, {@code
 * "nullable": "no"} for NOT NULL and {@code indexes} ({@code product_usage_log}). Immutable.
 */
record SeedTable(
    String name,
    List<String> primaryKey,
    List<Column> columns,
    List<Index> indexes,
    List<CodeSet> codeSets) {

  SeedTable {
    primaryKey = ImmutableList.copyOf(primaryKey);
    columns = ImmutableList.copyOf(columns);
    indexes = ImmutableList.copyOf(indexes);
    codeSets = ImmutableList.copyOf(codeSets);
  }

  /** A column type of the seed, in the terms the schema must match. */
  sealed interface Type {}

  /** {@code VARCHAR(n)}, or {@code str} of length n. */
  record Varchar(int length) implements Type {}

  /** {@code DECIMAL(p,s)}, or {@code double} with length p and dec s. */
  record Decimal(int precision, int scale) implements Type {}

  /** {@code CHAR(n)}, or {@code char} of length n. */
  record FixedChar(int length) implements Type {}

  /** {@code DATETIME}, or {@code datetime}. */
  record DateTime() implements Type {}

  record Column(String name, Type type, boolean nullable) {}

  record Index(String name, List<String> columns, boolean unique) {}

  /**
   * A field whose values come from a code table, e.g. {@code appcodes_kv} where a condition holds.
   */
  record CodeSet(
      String field,
      String table,
      String valueField,
      String textField,
      Optional<String> condition) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SQL_TYPE =
      Pattern.compile("([A-Za-z]+)(?:\\((\\d+)(?:,(\\d+))?\\))?");

  /** Reads the seed of {@code table} from the test resources. */
  static SeedTable load(String table) {
    String resource = "/seeds/" + table + ".json";
    try (InputStream in = SeedTable.class.getResourceAsStream(resource)) {
      checkArgument(in != null, "no seed resource %s", resource);
      return parse(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static SeedTable parse(JsonNode seed) {
    JsonNode summary = seed.path("summary").path(0);
    String name = summary.path("name").asText();
    List<String> primaryKey = new ArrayList<>();
    JsonNode primary = summary.path("primary");
    if (primary.isArray()) {
      primary.forEach(field -> primaryKey.add(field.asText()));
    } else {
      primaryKey.add(primary.asText());
    }
    List<Column> columns = new ArrayList<>();
    for (JsonNode field : seed.path("fields")) {
      columns.add(
          new Column(field.path("name").asText(), type(field), nullable(field.path("nullable"))));
    }
    List<Index> indexes = new ArrayList<>();
    for (JsonNode index : seed.path("idxfields")) { // first shape
      indexes.add(
          new Index(
              index.path("name").asText(),
              texts(index.path("fields")),
              index.path("unique").asBoolean(false)));
    }
    for (JsonNode index : seed.path("indexes")) { // second shape
      indexes.add(
          new Index(
              index.path("name").asText(),
              texts(index.path("idxfields")),
              index.path("idxtype").asText().equalsIgnoreCase("unique")));
    }
    List<CodeSet> codeSets = new ArrayList<>();
    for (JsonNode code : seed.path("codes")) {
      codeSets.add(
          new CodeSet(
              code.path("field").asText(),
              code.path("table").asText(),
              code.path("valuefield").asText(),
              code.path("textfield").asText(),
              code.hasNonNull("cond")
                  ? Optional.of(code.path("cond").asText())
                  : Optional.empty()));
    }
    return new SeedTable(name, primaryKey, columns, indexes, codeSets);
  }

  /** The seed's type of {@code field}, in either shape. */
  private static Type type(JsonNode field) {
    String type = field.path("type").asText();
    switch (type) {
      case "str":
        return new Varchar(field.path("length").asInt());
      case "double":
        return new Decimal(field.path("length").asInt(), field.path("dec").asInt());
      case "char":
        return new FixedChar(field.path("length").asInt(1));
      case "datetime":
        return new DateTime();
      default:
        break;
    }
    Matcher sql = SQL_TYPE.matcher(type.strip());
    checkArgument(sql.matches(), "unknown seed type '%s' of %s", type, field);
    String base = sql.group(1).toUpperCase(Locale.ROOT);
    return switch (base) {
      case "VARCHAR" -> new Varchar(Integer.parseInt(sql.group(2)));
      case "DECIMAL", "NUMERIC" ->
          new Decimal(Integer.parseInt(sql.group(2)), Integer.parseInt(sql.group(3)));
      case "CHAR" -> new FixedChar(sql.group(2) == null ? 1 : Integer.parseInt(sql.group(2)));
      case "DATETIME" -> new DateTime();
      default -> throw new IllegalArgumentException("unknown seed type '" + type + "' of " + field);
    };
  }

  /**
   * {@code false}/{@code "no"} mean NOT NULL; {@code true}, {@code "yes"} or no entry mean
   * nullable.
   */
  private static boolean nullable(JsonNode nullable) {
    if (nullable.isMissingNode() || nullable.isNull()) {
      return true;
    }
    if (nullable.isBoolean()) {
      return nullable.asBoolean();
    }
    String text = nullable.asText().strip().toLowerCase(Locale.ROOT);
    checkArgument(
        text.equals("no") || text.equals("yes"), "nullable is yes or no, not '%s'", nullable);
    return text.equals("yes");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
