package dev.tally.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A request body: a JSON object whose fields are read by name and type. Every problem (not JSON,
 * not an object, a field the route does not know, a missing field, a wrong type, a value a domain
 * type refuses) is a {@link BadRequest} naming the field. Decimals may be sent as strings or JSON
 * numbers and are read exactly.
 */
public final class JsonBody {
  /** The most digits a decimal may have before, and after, the point. */
  static final int MAX_DIGITS = 40;

  /**
   * A usage value sent as text that is meant as a number (digits with signs, points, exponents or
   * blanks): it must then be in the one decimal syntax; other text ({@code "default"}) prices
   * nothing.
   */
  private static final Pattern NUMERIC_TEXT = Pattern.compile("[-+0-9.eE\\s]*[0-9][-+0-9.eE\\s]*");

  private final ObjectNode object;

  private JsonBody(ObjectNode object) {
    this.object = object;
  }

  /** Parses {@code text}, refusing fields outside {@code allowed}. */
  public static JsonBody parse(String text, Set<String> allowed) {
    return object(tree(text), allowed, "the request body");
  }

  /** Reads an element of a batch as a body of its own; {@code where} names it in refusals. */
  public static JsonBody of(JsonNode node, Set<String> allowed, String where) {
    try {
      return object(node, allowed, "the request body");
    } catch (BadRequest e) {
      throw new BadRequest(where + ": " + e.getMessage());
    }
  }

  private static JsonBody object(JsonNode node, Set<String> allowed, String what) {
    if (!(node instanceof ObjectNode object)) {
      throw new BadRequest(what + " must be a JSON object");
    }
    JsonBody body = new JsonBody(object);
    Set<String> unknown = body.fieldsOutside(allowed);
    if (!unknown.isEmpty()) {
      throw new BadRequest(
          "unknown field(s) " + unknown + "; this request takes " + new TreeSet<>(allowed));
    }
    return body;
  }

  /** The elements of the array {@code field}, for batch routes. */
  public List<JsonNode> array(String field) {
    JsonNode items = object.get(field);
    if (items == null || !items.isArray()) {
      throw new BadRequest("the request body must be an object with an array '" + field + "'");
    }
    return java.util.stream.StreamSupport.stream(items.spliterator(), false).toList();
  }

  private static JsonNode tree(String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequest("the request body is empty; it must be a JSON object");
    }
    try {
      return StrictJson.parse(text);
    } catch (JsonProcessingException e) {
      // a broken limit (nesting depth, number length) has no location
      JsonLocation where = e.getLocation();
      throw new BadRequest(
          "the request body is not valid JSON: " + e.getOriginalMessage()
              + (where == null
                  ? ""
                  : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
    }
  }

  /** The fields this body has that are not in {@code allowed}, sorted. */
  public Set<String> fieldsOutside(Set<String> allowed) {
    Set<String> outside = new TreeSet<>();
    object.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        outside.add(name);
      }
    });
    return outside;
  }

  /** Whether {@code field} is present as a string. */
  public boolean isText(String field) {
    return has(field) && object.get(field).isTextual();
  }

  public boolean has(String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }

  public String text(String field) {
    return optionalText(field).orElseThrow(() -> missing(field));
  }

  public Optional<String> optionalText(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = object.get(field);
    if (!value.isTextual()) {
      throw new BadRequest(field + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  public boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = object.get(field);
    if (!value.isBoolean()) {
      throw new BadRequest(field + " must be true or false");
    }
    return value.booleanValue();
  }

  public Optional<Integer> optionalInt(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = object.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new BadRequest(field + " must be a whole number");
    }
    return Optional.of(value.intValue());
  }

  /**
   * A decimal sent as a string ({@code "12.50"}) or a JSON number ({@code 12.50}), in the one
   * syntax {@value StrictJson#DECIMAL}: no sign but minus, no exponent, no blanks.
   */
  public Optional<BigDecimal> optionalDecimal(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    return Optional.of(decimalOf(field, object.get(field)));
  }

  private static BigDecimal decimalOf(String field, JsonNode value) {
    if (StrictJson.isPlainNumber(value)) {
      return bounded(field, value.decimalValue());
    }
    if (value.isTextual()) {
      return decimalOf(field, value.textValue());
    }
    throw new BadRequest(
        field + " must be a decimal number such as \"12.50\" (digits, an optional minus and point;"
            + " no exponent)");
  }

  /**
   * A decimal sent as text. A text longer than any decimal of {@value #MAX_DIGITS} digits is
   * refused before it is parsed, which takes time growing with the square of its length.
   */
  private static BigDecimal decimalOf(String field, String text) {
    if (text.length() > 2 * MAX_DIGITS + 2) {
      throw tooLong(field);
    }
    if (!StrictJson.isDecimal(text)) {
      throw new BadRequest(
          field + " must be a decimal number such as \"12.50\" (digits, an optional minus and"
              + " point; no exponent, plus sign or blanks), not '" + text + "'");
    }
    return bounded(field, new BigDecimal(text));
  }

  /**
   * Refuses a decimal with more than {@value #MAX_DIGITS} digits before or after the point, such
   * as {@code 1e-999999999}: no amount is that long, and writing one out in full (as an error
   * message does) would take the server's memory.
   */
  private static BigDecimal bounded(String field, BigDecimal value) {
    if (value.scale() > MAX_DIGITS || value.precision() - value.scale() > MAX_DIGITS) {
      throw tooLong(field);
    }
    return value;
  }

  private static BadRequest tooLong(String field) {
    return new BadRequest(
        field + " must be a decimal number of at most " + MAX_DIGITS
            + " digits before and after the point");
  }

  public BigDecimal decimal(String field) {
    return optionalDecimal(field).orElseThrow(() -> missing(field));
  }

  public Money money(String field, Currency currency) {
    return optionalMoney(field, currency).orElseThrow(() -> missing(field));
  }

  public Optional<Money> optionalMoney(String field, Currency currency) {
    return optionalDecimal(field).map(amount -> domain(field, () -> new Money(amount, currency)));
  }

  public Optional<UnitPrice> optionalUnitPrice(String field, Currency currency) {
    return optionalDecimal(field).map(amount -> domain(field, () -> new UnitPrice(amount, currency)));
  }

  public Quantity quantity(String field, Unit unit) {
    return optionalQuantity(field, unit).orElseThrow(() -> missing(field));
  }

  public Optional<Quantity> optionalQuantity(String field, Unit unit) {
    return optionalDecimal(field).map(amount -> domain(field, () -> new Quantity(amount, unit)));
  }

  public Optional<Currency> optionalCurrency(String field) {
    return optionalText(field).map(code -> domain(field, () -> Currency.of(code)));
  }

  /** A required string turned into a domain value; the value's own refusal names the field. */
  public <T> T value(String field, Function<String, T> parse) {
    String text = text(field);
    return domain(field, () -> parse.apply(text));
  }

  public <T> Optional<T> optionalValue(String field, Function<String, T> parse) {
    return optionalText(field).map(text -> domain(field, () -> parse.apply(text)));
  }

  public Optional<Instant> optionalInstant(String field) {
    return optionalText(field)
        .map(
            text -> {
              try {
                return Instant.parse(text);
              } catch (DateTimeException e) {
                throw new BadRequest(field + " must be an ISO-8601 UTC time such as 2026-03-01T08:00:00Z");
              }
            });
  }

  public Optional<LocalDate> optionalDate(String field) {
    return optionalText(field)
        .map(
            text -> {
              try {
                return LocalDate.parse(text);
              } catch (DateTimeException e) {
                throw new BadRequest(field + " must be a date such as 2026-03-01");
              }
            });
  }

  /** Seconds as a whole number, e.g. a TTL. */
  public Optional<Duration> optionalSeconds(String field) {
    return optionalInt(field).map(Duration::ofSeconds);
  }

  /**
   * A usage object as the provider returned it, e.g. {@code {"prompt_tokens": 1200,
   * "prompt_tokens_details": {"cached_tokens": 200}}}: each count (a number, or a string holding
   * one) is named by its dotted path ({@code prompt_tokens_details.cached_tokens}); a value that
   * is not a count (text, a boolean, null, a list) prices nothing and is left out.
   */
  public Map<String, BigDecimal> usageCounts(String field) {
    Map<String, BigDecimal> counts = new LinkedHashMap<>();
    if (!has(field)) {
      return counts;
    }
    JsonNode value = object.get(field);
    if (!value.isObject()) {
      throw new BadRequest(field + " must be an object of counts");
    }
    addCounts(field, "", value, counts);
    return counts;
  }

  private static void addCounts(
      String field, String prefix, JsonNode object, Map<String, BigDecimal> counts) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      Optional<BigDecimal> count = Optional.empty();
      if (value.isObject()) {
        addCounts(field, path + ".", value, counts);
      } else if (value.isNumber()) {
        count = Optional.of(decimalOf(field + "." + path, value));
      } else if (value.isTextual() && NUMERIC_TEXT.matcher(value.textValue()).matches()) {
        count = Optional.of(decimalOf(field + "." + path, value.textValue()));
      }
      if (count.isPresent() && counts.put(path, count.get()) != null) {
        throw new BadRequest(field + " names " + path + " twice (as a key and as a nested path)");
      }
    }
  }

  /**
   * Request attributes, e.g. {@code {"model": "MiniMax-M3", "SR": 1080, "audio": true}}: strings,
   * numbers (their exact digits) and booleans, which price-line filters compare by meaning; null
   * is no attribute.
   */
  public Map<String, String> attributes(String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (!has(field)) {
      return map;
    }
    JsonNode value = object.get(field);
    if (!value.isObject()) {
      throw new BadRequest(field + " must be an object of strings, numbers and booleans");
    }
    value.fields().forEachRemaining(entry -> {
      JsonNode attribute = entry.getValue();
      String name = field + "." + entry.getKey();
      if (attribute.isTextual()) {
        map.put(entry.getKey(), attribute.textValue());
      } else if (attribute.isNumber()) {
        map.put(entry.getKey(), bounded(name, attribute.decimalValue()).toPlainString());
      } else if (attribute.isBoolean()) {
        map.put(entry.getKey(), Boolean.toString(attribute.booleanValue()));
      } else if (!attribute.isNull()) {
        throw new BadRequest(name + " must be a string, a number or a boolean");
      }
    });
    return map;
  }

  /** A list of strings, e.g. allowed IPs. */
  public List<String> textList(String field) {
    if (!has(field)) {
      return List.of();
    }
    JsonNode value = object.get(field);
    if (!value.isArray()) {
      throw new BadRequest(field + " must be an array of strings");
    }
    return java.util.stream.StreamSupport.stream(value.spliterator(), false)
        .map(
            element -> {
              if (!element.isTextual()) {
                throw new BadRequest(field + " must be an array of strings");
              }
              return element.textValue();
            })
        .toList();
  }

  private static <T> T domain(String field, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequest(field + ": " + e.getMessage());
    }
  }

  private static BadRequest missing(String field) {
    return new BadRequest(field + " is required");
  }
}
