package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input on every documented route answers a 4xx problem, never a 5xx. The routes, their
 * parameters and their body fields are read from the OpenAPI document (which a test keeps equal
 * to the routes served), so a new route is swept as soon as it is documented. Each body field is
 * replaced, one at a time, in an otherwise plausible body, by values of every wrong kind: other
 * JSON types, empty and huge strings, absurd numbers.
 */
class BadInputSweepApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

  /** Replacements for one body field. */
  private static final List<String> BAD_VALUES =
      List.of(
          "{\"nested\": 1}",
          "[1, 2]",
          "true",
          "12345",
          "-1",
          "0",
          "1.5",
          "1e999999999",
          "-1e-999999999",
          "\"\"",
          "\"   \"",
          "\"abc\"",
          "\"-1\"",
          "\"1e-999999999\"",
          "\"" + "x".repeat(5_000) + "\"",
          "\"\\u0000\"",
          "null");

  /** Whole bodies that are not what any route reads. */
  private static final List<String> BAD_BODIES =
      List.of(
          "",
          "{",
          "[]",
          "null",
          "\"text\"",
          "{\"no_such_field\": 1}",
          "[".repeat(5_000) + "]".repeat(5_000),
          "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));

  /** Replacements for one query or path parameter. */
  private static final List<String> BAD_PARAMETERS =
      List.of("", "x", "-1", "0", "1e999999999", "1e-999999999", "%00", "%20", "..", "x".repeat(2_000));

  @RegisterExtension final ApiServer api = new ApiServer();

  @TestFactory
  Stream<DynamicTest> neverAnswersAServerErrorToBadInput() throws IOException {
    JsonNode document;
    try (InputStream in = BadInputSweepApiTest.class.getResourceAsStream("/openapi/openapi.json")) {
      document = JSON.readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : METHODS) {
        JsonNode operation = path.getValue().get(method);
        if (operation != null) {
          String name = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
          tests.add(DynamicTest.dynamicTest(name, () -> sweep(document, method, path.getKey(), operation)));
        }
      }
    }
    return tests.stream();
  }

  private void sweep(JsonNode document, String method, String template, JsonNode operation) {
    api.core()
        .balances()
        .recharge(new Recharge(ApiServer.CUSTOMER_ORG, Money.of("10", Currency.CNY), Optional.empty(), ""));
    HttpApi admin = api.asAdmin();
    List<String> failures = new ArrayList<>();
    List<JsonNode> parameters = new ArrayList<>();
    operation.path("parameters").forEach(parameter -> parameters.add(resolve(document, parameter)));
    String path = template.replaceAll("\\{[^}]+}", "x-1");
    JsonNode schema = bodySchema(document, operation);
    String body = schema == null ? null : base(document, schema).toString();

    for (JsonNode parameter : parameters) {
      String name = parameter.path("name").asText();
      for (String value : BAD_PARAMETERS) {
        String target;
        if (parameter.path("in").asText().equals("path")) {
          target = template.replace("{" + name + "}", value.isEmpty() ? "%20" : value).replaceAll("\\{[^}]+}", "x-1");
        } else {
          target = path + "?" + name + "=" + (value.startsWith("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        check(failures, admin.send(method.toUpperCase(Locale.ROOT), target, body), name + "=" + abbreviated(value));
      }
    }
    if (schema != null) {
      for (String bad : BAD_BODIES) {
        check(failures, admin.send(method.toUpperCase(Locale.ROOT), path, bad), "body " + abbreviated(bad));
      }
      ObjectNode base = base(document, schema);
      for (String field : fieldsOf(document, schema)) {
        for (String bad : BAD_VALUES) {
          ObjectNode mutated = base.deepCopy();
          replace(mutated, field, parse(bad));
          check(failures, admin.send(method.toUpperCase(Locale.ROOT), path, mutated.toString()), field + "=" + abbreviated(bad));
        }
      }
    }

    assertThat(failures).as(method.toUpperCase(Locale.ROOT) + " " + template + " answered bad input with").isEmpty();
  }

  private static void check(List<String> failures, Reply reply, String input) {
    if (reply.status() >= 500) {
      failures.add(reply.status() + " for " + input + ": " + abbreviated(reply.body()));
    } else if (reply.status() >= 400 && !reply.contentType().startsWith(Problems.CONTENT_TYPE)) {
      failures.add(reply.status() + " without problem+json for " + input);
    }
  }

  // --- bodies from the document's schemas ------------------------------------------------------

  private static JsonNode bodySchema(JsonNode document, JsonNode operation) {
    JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
    return schema.isMissingNode() ? null : resolve(document, schema);
  }

  /** A plausible body: every property with a value of its type. */
  private static ObjectNode base(JsonNode document, JsonNode schema) {
    ObjectNode body = NODES.objectNode();
    schema.path("properties").fields().forEachRemaining(
        property -> body.set(property.getKey(), sample(document, resolve(document, property.getValue()))));
    return body;
  }

  private static JsonNode sample(JsonNode document, JsonNode schema) {
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    switch (schema.path("type").asText()) {
      case "integer":
        return NODES.numberNode(60);
      case "number":
        return NODES.numberNode(1);
      case "boolean":
        return NODES.booleanNode(false);
      case "object":
        return schema.has("properties") ? base(document, schema) : NODES.objectNode();
      case "array":
        ArrayNode array = NODES.arrayNode();
        JsonNode items = resolve(document, schema.path("items"));
        if (items.has("properties")) {
          array.add(base(document, items));
        }
        return array;
      default:
        if (schema.has("pattern")) {
          return NODES.textNode("1");
        }
        String format = schema.path("format").asText();
        if (format.equals("date-time")) {
          return NODES.textNode("2026-03-01T00:00:00Z");
        }
        if (format.equals("date")) {
          return NODES.textNode("2026-03-01");
        }
        return NODES.textNode("x-1");
    }
  }

  /** Top-level fields, and the fields of the first object of each array of objects. */
  private static List<String> fieldsOf(JsonNode document, JsonNode schema) {
    List<String> fields = new ArrayList<>();
    schema.path("properties").fields().forEachRemaining(property -> {
      fields.add(property.getKey());
      JsonNode value = resolve(document, property.getValue());
      JsonNode items = resolve(document, value.path("items"));
      if (value.path("type").asText().equals("array") && items.has("properties")) {
        items.path("properties").fieldNames().forEachRemaining(inner -> fields.add(property.getKey() + "[0]." + inner));
      }
    });
    return fields;
  }

  private static void replace(ObjectNode body, String field, JsonNode value) {
    int nested = field.indexOf("[0].");
    if (nested < 0) {
      body.set(field, value);
      return;
    }
    ((ObjectNode) body.path(field.substring(0, nested)).get(0)).set(field.substring(nested + 4), value);
  }

  private static JsonNode resolve(JsonNode document, JsonNode node) {
    return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...(" + text.length() + " chars)";
  }
}
