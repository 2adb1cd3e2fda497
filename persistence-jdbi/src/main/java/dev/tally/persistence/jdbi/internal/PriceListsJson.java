package dev.tally.persistence.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code price_lists} column of {@code pricing_cache}: a programme's dated price lists as JSON
 * in the platform's field names. Decimals are written as strings so that no digit is lost. Filters
 * are a list of one-key maps, as the platform writes them: {@code {"model": "MiniMax-M3"}} for an
 * equality, {@code {"prompt_tokens": {"gt": "512000"}}} for a range; rows written before ranges
 * existed hold them as one object of equalities, which is still read.
 */
final class PriceListsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PriceListsJson() {}

  static String write(List<PriceList> lists) {
    ArrayNode array = JSON.createArrayNode();
    for (PriceList list : lists) {
      ObjectNode node = array.addObject();
      node.put("enabled_date", list.enabledDate().toString());
      node.put("expired_date", list.expiredDate().map(LocalDate::toString).orElse(null));
      ObjectNode units = node.putObject("unit_values");
      list.unitValues().forEach((unit, divisor) -> units.put(unit, divisor.toPlainString()));
      ArrayNode lines = node.putArray("lines");
      for (PriceLine line : list.lines()) {
        ObjectNode lineNode = lines.addObject();
        ArrayNode factors = lineNode.putArray("price_factors");
        line.priceFactors().forEach(factors::add);
        ArrayNode prices = lineNode.putArray("unit_prices");
        line.unitPrices().forEach(price -> prices.add(price.toPlainString()));
        lineNode.put("unit", line.unit());
        ArrayNode filters = lineNode.putArray("filters");
        line.filters().forEach(filter -> writeFilter(filters.addObject(), filter));
      }
    }
    return array.toString();
  }

  static List<PriceList> read(String json) {
    try {
      List<PriceList> lists = new ArrayList<>();
      for (JsonNode node : JSON.readTree(json)) {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        node.get("unit_values")
            .properties()
            .forEach(unit -> units.put(unit.getKey(), new BigDecimal(unit.getValue().asText())));
        List<PriceLine> lines = new ArrayList<>();
        for (JsonNode line : node.get("lines")) {
          List<String> factors = new ArrayList<>();
          line.get("price_factors").forEach(factor -> factors.add(factor.asText()));
          List<BigDecimal> prices = new ArrayList<>();
          line.get("unit_prices").forEach(price -> prices.add(new BigDecimal(price.asText())));
          List<PriceFilter> filters = readFilters(line.get("filters"));
          lines.add(new PriceLine(factors, prices, line.get("unit").asText(), filters));
        }
        JsonNode expired = node.get("expired_date");
        lists.add(
            new PriceList(
                LocalDate.parse(node.get("enabled_date").asText()),
                expired == null || expired.isNull()
                    ? Optional.empty()
                    : Optional.of(LocalDate.parse(expired.asText())),
                units,
                lines));
      }
      return lists;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pricing_cache.price_lists is not valid JSON", e);
    }
  }

  private static void writeFilter(ObjectNode node, PriceFilter filter) {
    if (filter instanceof PriceFilter.Equals equal) {
      node.put(equal.name(), equal.value());
    } else if (filter instanceof PriceFilter.Range range) {
      ObjectNode bounds = node.putObject(range.name());
      range.bounds().forEach((bound, limit) -> bounds.put(bound.code(), limit.toPlainString()));
    }
  }

  private static List<PriceFilter> readFilters(JsonNode node) {
    List<PriceFilter> filters = new ArrayList<>();
    if (node.isObject()) {
      node.properties()
          .forEach(
              filter ->
                  filters.add(new PriceFilter.Equals(filter.getKey(), filter.getValue().asText())));
      return filters;
    }
    for (JsonNode element : node) {
      Map.Entry<String, JsonNode> filter = element.properties().iterator().next();
      JsonNode value = filter.getValue();
      if (value.isObject()) {
        Map<PriceFilter.Bound, BigDecimal> bounds = new EnumMap<>(PriceFilter.Bound.class);
        value
            .properties()
            .forEach(
                bound ->
                    bounds.put(
                        PriceFilter.Bound.fromCode(bound.getKey()),
                        new BigDecimal(bound.getValue().asText())));
        filters.add(new PriceFilter.Range(filter.getKey(), bounds));
      } else {
        filters.add(new PriceFilter.Equals(filter.getKey(), value.asText()));
      }
    }
    return filters;
  }
}
