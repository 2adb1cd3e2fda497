package dev.tally.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tally.core.model.Currency;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a pricing item to a {@link PricingProgram}: {@code name} (or {@code program_name}), {@code
 * currency} (CNY when absent), {@code discount} (1 when absent) and {@code price_lists}, each with
 * its {@code enabled_date} and {@code expired_date}. A list's prices come in either of two shapes,
 * read alike:
 *
 * <ul>
 *   <li>the platform's stored one: {@code pricing_data}, a YAML document (or the same as an
 *       object) with {@code unit_values}, optional {@code fields} (the platform's labels, not
 *       needed to price) and {@code pricings}, a list of lines;
 *   <li>Tally's JSON one: {@code unit_values} and {@code lines} on the list itself.
 * </ul>
 *
 * A line is {@code {price_factors, unit_prices, unit, filters}}: factors and prices each a scalar
 * or a list (one price for several factors prices each of them), or prices an object from factor
 * to price; filters a list of one-key maps, all of which must hold (or one object of them), each
 * value a string, number or boolean compared by meaning, or {@code {gt|gte|lt|lte: number}} for a
 * range. Prices and divisors are read exactly, as numbers or strings.
 */
final class PricingProgramReader {
  /** YAML read as the platform writes it (YAML 1.1 scalars), decimals exactly. */
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private PricingProgramReader() {}

  static PricingProgram read(String id, long version, JsonNode item) {
    Optional<String> name = Json.text(item.get("name"), "name");
    if (name.isEmpty()) {
      name = Json.text(item.get("program_name"), "program_name");
    }
    Currency currency =
        Json.text(item.get("currency"), "currency").map(Currency::of).orElse(Currency.CNY);
    BigDecimal discount =
        Json.absent(item.get("discount"))
            ? BigDecimal.ONE
            : Json.decimal(item.get("discount"), "discount");
    JsonNode lists = Json.requiredArray(item.get("price_lists"), "price_lists");
    List<PriceList> priceLists = new ArrayList<>();
    for (int i = 0; i < lists.size(); i++) {
      priceLists.add(priceList(lists.get(i), "price_lists[" + i + "]"));
    }
    return new PricingProgram(
        PricingProgramId.of(id),
        name.orElseThrow(() -> new UnreadablePageException("name is missing")),
        currency,
        discount,
        priceLists,
        version);
  }

  private static PriceList priceList(JsonNode node, String where) {
    Json.requiredObject(node, where);
    JsonNode prices = node;
    String pricesWhere = where;
    if (!Json.absent(node.get("pricing_data"))) {
      pricesWhere = where + ".pricing_data";
      prices = pricingData(node.get("pricing_data"), pricesWhere);
    }
    LocalDate enabled =
        Json.date(field(node, prices, "enabled_date"), where + ".enabled_date");
    JsonNode expiredNode = field(node, prices, "expired_date");
    Optional<LocalDate> expired =
        Json.absent(expiredNode) || expiredNode.isTextual() && expiredNode.textValue().isBlank()
            ? Optional.empty()
            : Optional.of(Json.date(expiredNode, where + ".expired_date"));
    Map<String, BigDecimal> unitValues = new LinkedHashMap<>();
    JsonNode units = prices.get("unit_values");
    if (!Json.absent(units)) {
      Json.requiredObject(units, pricesWhere + ".unit_values");
      for (Map.Entry<String, JsonNode> unit : units.properties()) {
        unitValues.put(
            unit.getKey(),
            Json.decimal(unit.getValue(), pricesWhere + ".unit_values." + unit.getKey()));
      }
    }
    String linesName = Json.absent(prices.get("pricings")) ? "lines" : "pricings";
    if (!Json.absent(prices.get("pricings")) && !Json.absent(prices.get("lines"))) {
      throw new UnreadablePageException(pricesWhere + " has both pricings and lines");
    }
    String linesWhere = pricesWhere + "." + linesName;
    JsonNode lines =
        Json.absent(prices.get(linesName))
            ? missing(pricesWhere + ".pricings (or lines)")
            : Json.requiredArray(prices.get(linesName), linesWhere);
    List<PriceLine> priceLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      priceLines.add(line(lines.get(i), linesWhere + "[" + i + "]"));
    }
    try {
      return new PriceList(enabled, expired, unitValues, priceLines);
    } catch (IllegalArgumentException e) {
      throw new UnreadablePageException(where + ": " + e.getMessage());
    }
  }

  /** The list's own field, else the one its {@code pricing_data} carries. */
  private static JsonNode field(JsonNode list, JsonNode prices, String name) {
    return Json.absent(list.get(name)) ? prices.get(name) : list.get(name);
  }

  /** {@code pricing_data}: a YAML document as text, or its content as an object. */
  private static JsonNode pricingData(JsonNode node, String where) {
    if (node.isObject()) {
      return node;
    }
    if (!node.isTextual()) {
      throw new UnreadablePageException(
          where + " is neither a YAML document nor an object: " + Json.abbreviate(node));
    }
    JsonNode document;
    try {
      document = YAML.readTree(node.textValue());
    } catch (JsonProcessingException e) {
      throw new UnreadablePageException(
          where + " is not a readable YAML document (" + Json.abbreviate(e.getOriginalMessage()) + ")");
    }
    if (Json.absent(document) || !document.isObject()) {
      throw new UnreadablePageException(where + " is not a YAML mapping");
    }
    return document;
  }

  private static PriceLine line(JsonNode node, String where) {
    Json.requiredObject(node, where);
    JsonNode factorsNode = node.get("price_factors");
    JsonNode pricesNode = node.get("unit_prices");
    List<String> factors = factors(factorsNode, where + ".price_factors");
    List<BigDecimal> prices = new ArrayList<>();
    if (Json.absent(pricesNode)) {
      throw new UnreadablePageException(where + ".unit_prices is missing");
    } else if (pricesNode.isArray()) {
      if (factors.isEmpty()) {
        throw new UnreadablePageException(
            where + ".price_factors is missing (unit_prices is a list, so it names no factor)");
      }
      for (int i = 0; i < pricesNode.size(); i++) {
        prices.add(Json.decimal(pricesNode.get(i), where + ".unit_prices[" + i + "]"));
      }
    } else if (pricesNode.isObject()) {
      Set<String> named = new LinkedHashSet<>();
      pricesNode.fieldNames().forEachRemaining(named::add);
      if (factors.isEmpty()) {
        factors.addAll(named);
      } else if (!named.equals(new LinkedHashSet<>(factors))) {
        throw new UnreadablePageException(
            where + ".unit_prices names the factors " + named + " but price_factors is " + factors);
      }
      for (String factor : factors) {
        prices.add(Json.decimal(pricesNode.get(factor), where + ".unit_prices." + factor));
      }
    } else {
      if (factors.isEmpty()) {
        throw new UnreadablePageException(
            where + ".price_factors is missing (unit_prices is one price, so it names no factor)");
      }
      BigDecimal price = Json.decimal(pricesNode, where + ".unit_prices");
      factors.forEach(factor -> prices.add(price));
    }
    Optional<String> unit = Json.text(node.get("unit"), where + ".unit");
    boolean flatOnly = !factors.isEmpty() && factors.stream().allMatch(PriceLine.FLAT::equals);
    if (unit.isEmpty() && !flatOnly) {
      throw new UnreadablePageException(where + ".unit is missing");
    }
    List<PriceFilter> filters = filters(node.get("filters"), where + ".filters");
    try {
      return new PriceLine(factors, prices, unit.orElse(""), filters);
    } catch (IllegalArgumentException e) {
      throw new UnreadablePageException(where + ": " + e.getMessage());
    }
  }

  /** {@code price_factors}: absent, one name, or a list of names. */
  private static List<String> factors(JsonNode node, String where) {
    List<String> factors = new ArrayList<>();
    if (Json.absent(node)) {
      return factors;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        factors.add(factor(node.get(i), where + "[" + i + "]"));
      }
    } else {
      factors.add(factor(node, where));
    }
    return factors;
  }

  private static String factor(JsonNode node, String where) {
    String factor = Json.requiredText(node, where);
    if (factor.isBlank()) {
      throw new UnreadablePageException(where + " is blank");
    }
    return factor;
  }

  /**
   * {@code filters}: absent, a list of one-key maps (the platform's shape; a name may come
   * twice, e.g. a lower and an upper bound), or one object of them.
   */
  private static List<PriceFilter> filters(JsonNode node, String where) {
    List<PriceFilter> filters = new ArrayList<>();
    if (Json.absent(node)) {
      return filters;
    }
    if (node.isObject()) {
      node.properties()
          .forEach(entry -> filters.add(filter(entry.getKey(), entry.getValue(), where)));
      return filters;
    }
    if (!node.isArray()) {
      throw new UnreadablePageException(
          where + " is neither a list of one-key maps nor an object: " + Json.abbreviate(node));
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isObject() || element.size() != 1) {
        throw new UnreadablePageException(
            where + "[" + i + "] is not a map of one name to its value: " + Json.abbreviate(element));
      }
      Map.Entry<String, JsonNode> entry = element.properties().iterator().next();
      filters.add(filter(entry.getKey(), entry.getValue(), where + "[" + i + "]"));
    }
    return filters;
  }

  /** A string, number or boolean to equal, or {@code {gt|gte|lt|lte: number}} to fall within. */
  private static PriceFilter filter(String name, JsonNode value, String where) {
    String at = where + "." + name;
    if (name.isBlank()) {
      throw new UnreadablePageException(where + " names no attribute");
    }
    if (value.isTextual()) {
      return new PriceFilter.Equals(name, value.textValue());
    }
    if (value.isNumber()) {
      return new PriceFilter.Equals(name, value.decimalValue().toPlainString());
    }
    if (value.isBoolean()) {
      return new PriceFilter.Equals(name, Boolean.toString(value.booleanValue()));
    }
    if (value.isObject() && value.size() > 0) {
      Map<PriceFilter.Bound, BigDecimal> bounds = new EnumMap<>(PriceFilter.Bound.class);
      for (Map.Entry<String, JsonNode> bound : value.properties()) {
        PriceFilter.Bound comparison;
        try {
          comparison = PriceFilter.Bound.fromCode(bound.getKey());
        } catch (IllegalArgumentException e) {
          throw new UnreadablePageException(at + ": " + e.getMessage());
        }
        bounds.put(comparison, Json.decimal(bound.getValue(), at + "." + bound.getKey()));
      }
      return new PriceFilter.Range(name, bounds);
    }
    throw new UnreadablePageException(
        at + " is not a string, number, boolean or range such as {gt: 512000}: "
            + Json.abbreviate(value));
  }

  private static JsonNode missing(String what) {
    throw new UnreadablePageException(what + " is missing");
  }
}
