package dev.tally.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.UseCommand;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import dev.tally.http.json.StrictJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Uses read from text, as {@code POST /api/v1/usage} reads them: a JSON object per line, or a CSV
 * row whose header names the same fields ({@code usage.<factor>} and {@code attributes.<name>}
 * columns make the two maps). A line that cannot be read is refused with the field it lacks.
 */
final class UseLines {
  static final Set<String> FIELDS =
      Set.of(
          "product_id", "subscription_id", "user_id", "user_org_id", "resource_type", "product_resource_id",
          "used_amount", "used_unit", "usage", "attributes", "supplier_org_id", "source_ref_table",
          "source_ref_id", "use_time");

  private UseLines() {}

  /** One JSON object. */
  static UseCommand fromJson(String line) {
    try {
      return command(JsonBody.of(StrictJson.parse(line), FIELDS, "line"));
    } catch (JsonProcessingException e) {
      throw new BadRequest("not a JSON object: " + e.getOriginalMessage());
    }
  }

  /** One CSV row under {@code header}; empty cells are absent fields. */
  static UseCommand fromCsv(List<String> header, List<String> cells) {
    if (cells.size() != header.size()) {
      throw new BadRequest("has " + cells.size() + " cells, the header " + header.size());
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      String value = cells.get(i);
      if (value.isEmpty()) {
        continue;
      }
      int dot = name.indexOf('.');
      if (dot > 0 && (name.startsWith("usage.") || name.startsWith("attributes."))) {
        ObjectNode map = object.has(name.substring(0, dot)) ? (ObjectNode) object.get(name.substring(0, dot)) : object.putObject(name.substring(0, dot));
        map.put(name.substring(dot + 1), value);
      } else {
        object.put(name, value);
      }
    }
    return command(JsonBody.of(object, FIELDS, "line"));
  }

  /** The use a body describes; a missing or malformed field is refused naming it. */
  static UseCommand command(JsonBody body) {
    Optional<ProductId> product = body.optionalValue("product_id", ProductId::of);
    Optional<SubscriptionId> subscription = body.optionalValue("subscription_id", SubscriptionId::of);
    UserId user = body.value("user_id", UserId::of);
    OrgId org = body.value("user_org_id", OrgId::of);
    Optional<ResourceType> type = body.optionalValue("resource_type", ResourceType::fromCode);
    Optional<ProductResourceId> resource = body.optionalValue("product_resource_id", ProductResourceId::of);
    Unit unit = body.value("used_unit", Unit::of);
    Quantity used = body.quantity("used_amount", unit);
    Map<String, BigDecimal> usage = body.usageCounts("usage");
    Map<String, String> attributes = body.attributes("attributes");
    Optional<OrgId> supplier = body.optionalValue("supplier_org_id", OrgId::of);
    SourceRef source = domain(() -> SourceRef.of(body.text("source_ref_table"), body.text("source_ref_id")));
    Optional<Instant> useTime = body.optionalInstant("use_time");
    return domain(
        () ->
            new UseCommand(
                product, subscription, user, org, type, resource, used, usage, attributes, supplier, source, useTime));
  }

  /** A rule of the domain broken by the line's values, reported as the line's fault. */
  private static <T> T domain(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequest(e.getMessage());
    }
  }
}
