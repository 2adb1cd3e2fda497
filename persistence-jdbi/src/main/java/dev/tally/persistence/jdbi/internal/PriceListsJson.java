package dev.tally.persistence.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code price_lists} column of {@code pricing_cache}: a programme's dated price lists as JSON
 * in the platform's field names. Decimals are written as strings so that no digit is lost.
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
        ObjectNode filters = lineNode.putObject("filters");
        line.filters().forEach(filters::put);
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
          Map<String, String> filters = new LinkedHashMap<>();
          line.get("filters")
              .properties()
              .forEach(filter -> filters.put(filter.getKey(), filter.getValue().asText()));
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
}
