package dev.tally.sync.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a pricing item to a {@link PricingProgram}: {@code name} (or {@code program_name}), {@code
 * currency} (CNY when absent), {@code discount} (1 when absent) and {@code price_lists}, each
 * {@code {enabled_date, expired_date?, unit_values: {unit: divisor}, lines: [...]}}, each line
 * {@code {price_factors: [...], unit_prices: [...], unit, filters: {}}}. A line may give {@code
 * unit_prices} as an object from factor to price instead, with or without {@code price_factors}.
 * Prices and divisors are numbers or strings, read exactly.
 */
final class PricingProgramReader {
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
    LocalDate enabled = Json.date(node.get("enabled_date"), where + ".enabled_date");
    JsonNode expiredNode = node.get("expired_date");
    Optional<LocalDate> expired =
        Json.absent(expiredNode) || expiredNode.isTextual() && expiredNode.textValue().isBlank()
            ? Optional.empty()
            : Optional.of(Json.date(expiredNode, where + ".expired_date"));
    Map<String, BigDecimal> unitValues = new LinkedHashMap<>();
    JsonNode units = node.get("unit_values");
    if (!Json.absent(units)) {
      Json.requiredObject(units, where + ".unit_values");
      units
          .properties()
          .forEach(
              unit ->
                  unitValues.put(
                      unit.getKey(),
                      Json.decimal(unit.getValue(), where + ".unit_values." + unit.getKey())));
    }
    JsonNode lines = Json.requiredArray(node.get("lines"), where + ".lines");
    List<PriceLine> priceLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      priceLines.add(line(lines.get(i), where + ".lines[" + i + "]"));
    }
    try {
      return new PriceList(enabled, expired, unitValues, priceLines);
    } catch (IllegalArgumentException e) {
      throw new UnreadablePageException(where + ": " + e.getMessage());
    }
  }

  private static PriceLine line(JsonNode node, String where) {
    Json.requiredObject(node, where);
    JsonNode factorsNode = node.get("price_factors");
    JsonNode pricesNode = node.get("unit_prices");
    List<String> factors = new ArrayList<>();
    if (!Json.absent(factorsNode)) {
      Json.requiredArray(factorsNode, where + ".price_factors");
      for (int i = 0; i < factorsNode.size(); i++) {
        String factor = Json.requiredText(factorsNode.get(i), where + ".price_factors[" + i + "]");
        if (factor.isBlank()) {
          throw new UnreadablePageException(where + ".price_factors[" + i + "] is blank");
        }
        factors.add(factor);
      }
    }
    List<BigDecimal> prices = new ArrayList<>();
    if (Json.absent(pricesNode)) {
      throw new UnreadablePageException(where + ".unit_prices is missing");
    } else if (pricesNode.isArray()) {
      if (Json.absent(factorsNode)) {
        throw new UnreadablePageException(
            where + ".price_factors is missing (unit_prices is a list, so it names no factor)");
      }
      for (int i = 0; i < pricesNode.size(); i++) {
        prices.add(Json.decimal(pricesNode.get(i), where + ".unit_prices[" + i + "]"));
      }
    } else if (pricesNode.isObject()) {
      Set<String> named = new LinkedHashSet<>();
      pricesNode.fieldNames().forEachRemaining(named::add);
      if (Json.absent(factorsNode)) {
        factors.addAll(named);
      } else if (!named.equals(new LinkedHashSet<>(factors))) {
        throw new UnreadablePageException(
            where + ".unit_prices names the factors " + named + " but price_factors is " + factors);
      }
      for (String factor : factors) {
        prices.add(Json.decimal(pricesNode.get(factor), where + ".unit_prices." + factor));
      }
    } else {
      throw new UnreadablePageException(
          where + ".unit_prices is neither a list nor an object: " + Json.abbreviate(pricesNode));
    }
    Optional<String> unit = Json.text(node.get("unit"), where + ".unit");
    boolean flatOnly = !factors.isEmpty() && factors.stream().allMatch(PriceLine.FLAT::equals);
    if (unit.isEmpty() && !flatOnly) {
      throw new UnreadablePageException(where + ".unit is missing");
    }
    Map<String, String> filters = new LinkedHashMap<>();
    JsonNode filtersNode = node.get("filters");
    if (!Json.absent(filtersNode)) {
      Json.requiredObject(filtersNode, where + ".filters");
      filtersNode
          .properties()
          .forEach(
              filter ->
                  filters.put(
                      filter.getKey(),
                      filterValue(filter.getValue(), where + ".filters." + filter.getKey())));
    }
    try {
      return new PriceLine(factors, prices, unit.orElse(""), filters);
    } catch (IllegalArgumentException e) {
      throw new UnreadablePageException(where + ": " + e.getMessage());
    }
  }

  /** Filters compare with request attributes as text: {@code 1080}, {@code true}, {@code "hd"}. */
  private static String filterValue(JsonNode value, String where) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    throw new UnreadablePageException(
        where + " is not a string, number or boolean: " + Json.abbreviate(value));
  }
}
