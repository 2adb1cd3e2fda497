package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.port.in.Subscribe;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import dev.tally.http.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated bad input on every route of the OpenAPI document (which a test keeps equal to the routes
 * served): wrong types, out-of-range and over-scaled decimals in every spelling, any unicode and
 * control characters, repeated keys, missing and unknown fields, wrong content types, bodies over
 * the size limit, broken JSON, odd paths and query strings, wrong methods. The server never answers
 * 5xx; every error is problem+json; and after every refused write everything the store holds is
 * what it held before (compared as a snapshot of every table). At least {@value #REQUIRED_REQUESTS}
 * requests in all.
 */
class BadInputPropertyTest {
  private static final int REQUIRED_REQUESTS = 5_000;
  private static final int MAX_BODY = 16_384;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
  private static final AtomicInteger SENT = new AtomicInteger();

  private static ApiServer api;
  private static RawHttp raw;
  private static JsonNode document;
  private static List<Operation> operations;
  /** Existing ids and plausible values, by parameter or field name. */
  private static final Map<String, String> KNOWN = new HashMap<>();
  /** A plausible body of each route with one: field name to JSON text. */
  private static final Map<Operation, Map<String, String>> BASES = new HashMap<>();
  /** Not a value: the field is left out. */
  private static final String DROPPED = "<dropped>";

  /** One route of the document. */
  record Operation(String method, String template, List<JsonNode> parameters, Optional<JsonNode> bodySchema, String mediaType) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + template;
    }
  }

  /** One request to send. */
  record Request(String method, String target, Map<String, String> headers, byte[] body) {
    boolean writes() {
      return !method.equals("GET");
    }

    @Override
    public String toString() {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method + " " + target + " " + headers.keySet() + " " + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown);
    }
  }

  @BeforeContainer
  static void startAServerWithACatalogue() throws IOException {
    api = new ApiServer(new ServerSettings("127.0.0.1", 0, MAX_BODY, 1_000_000));
    api.start();
    raw = new RawHttp(api.port());
    try (InputStream in = BadInputPropertyTest.class.getResourceAsStream("/openapi/openapi.json")) {
      document = JSON.readTree(in);
    }
    operations = operationsOf(document);
    MeteringSetup setup = new MeteringSetup(api.core());
    ProductResource llm = setup.soldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.002", "0.001");
    setup.recharged("acme", "1000");
    Subscription subscription =
        api.core()
            .subscriptions()
            .subscribe(
                new Subscribe(
                    llm.productId(), UserId.of("u-1"), OrgId.of("acme"), Optional.of(BillingMode.QUOTA_WITH_OVERAGE),
                    Quantity.of(1000, Unit.TOKEN), Period.ofMonths(1), true,
                    Optional.of(UnitPrice.of("0.005", Currency.CNY)), Optional.empty(), false, Optional.empty()));
    String hold =
        api.core()
            .holds()
            .reserve(
                new ReserveHold(
                    OrgId.of("acme"), UserId.of("u-1"), llm.productId(), Money.of("5", Currency.CNY), Duration.ofHours(1)))
            .id()
            .value();
    JsonNode usage =
        JSON.readTree(api.asService().post("/api/v1/usage", MeteringSetup.useJson(llm, "acme", "10", "seed-1")).body());
    String app = api.core().credentials().createApp(new CreateApiApp("partner", Optional.empty(), List.of())).issued().appId();
    KNOWN.putAll(
        Map.ofEntries(
            Map.entry("customer_id", "acme"),
            Map.entry("user_org_id", "acme"),
            Map.entry("product_id", llm.productId().value()),
            Map.entry("resource_id", llm.id().value()),
            Map.entry("product_resource_id", llm.id().value()),
            Map.entry("subscription_id", subscription.id().value()),
            Map.entry("hold_id", hold),
            Map.entry("usage_id", usage.path("id").asText()),
            Map.entry("org_id", MeteringSetup.SUPPLIER.value()),
            Map.entry("supplier_org_id", MeteringSetup.SUPPLIER.value()),
            Map.entry("owner_org_id", MeteringSetup.RESELLER.value()),
            Map.entry("user_id", "u-1"),
            Map.entry("entity", "users"),
            Map.entry("app_id", app),
            Map.entry("used_unit", "token"),
            Map.entry("quota_unit", "token"),
            Map.entry("resource_type", "llm"),
            Map.entry("currency", "CNY"),
            Map.entry("amount", "1"),
            Map.entry("used_amount", "1")));
    operations.stream().filter(operation -> operation.bodySchema().isPresent()).forEach(operation -> BASES.put(operation, baseBody(operation)));
  }

  @AfterContainer
  static void stopAndCount() {
    api.stop();
    assertThat(SENT.get()).as("requests sent").isGreaterThanOrEqualTo(REQUIRED_REQUESTS);
  }

  @Property(tries = 2_600)
  void neverAServerErrorForBadBodies(@ForAll("badBodies") Request request) {
    check(request);
  }

  @Property(tries = 1_600)
  void neverAServerErrorForOddPathsAndQueries(@ForAll("oddTargets") Request request) {
    check(request);
  }

  @Property(tries = 900)
  void neverAServerErrorForBadEnvelopes(@ForAll("badEnvelopes") Request request) {
    check(request);
  }

  /** Sends the request and checks the answer, and that a refused write changed nothing. */
  private static void check(Request request) {
    List<List<Object>> before = request.writes() ? api.store().snapshot() : null;
    Reply reply = raw.send(request.method(), request.target(), request.headers(), request.body());
    SENT.incrementAndGet();

    assertThat(reply.status()).as("%s answered %s", request, reply).isLessThan(500);
    if (reply.status() >= 400) {
      assertThat(reply.contentType()).as("%s answered %s", request, reply).startsWith(Problems.CONTENT_TYPE);
      JsonNode problem = reply.json();
      assertThat(problem.path("status").asInt()).isEqualTo(reply.status());
      assertThat(problem.path("code").asText()).isNotEmpty();
      if (before != null) {
        assertThat(api.store().snapshot()).as("what the store holds after %s was refused", request).isEqualTo(before);
      }
    }
  }

  // --- the three kinds of bad input --------------------------------------------------------------

  /** A plausible body of a route with one to three of its fields replaced, dropped or added. */
  @Provide
  Arbitrary<Request> badBodies() {
    return Combinators.combine(
            Arbitraries.of(withBodies()),
            Arbitraries.integers().between(0, 63).list().ofMinSize(1).ofMaxSize(3),
            badJsonValue().list().ofSize(3))
        .as(
            (operation, picks, values) -> {
              Map<String, String> body = new LinkedHashMap<>(BASES.get(operation));
              List<String> fields = new ArrayList<>(body.keySet());
              fields.add("no_such_field");
              for (int i = 0; i < picks.size(); i++) {
                String field = fields.get(picks.get(i) % fields.size());
                if (values.get(i).equals(DROPPED)) {
                  body.remove(field);
                } else {
                  body.put(field, values.get(i));
                }
              }
              return request(operation, target(operation, Map.of(), Map.of()), operation.mediaType(), objectText(body));
            });
  }

  /** Odd path parameters and query values on every route, with a plausible body where it has one. */
  @Provide
  Arbitrary<Request> oddTargets() {
    return Combinators.combine(
            Arbitraries.of(operations),
            oddSegment().list().ofSize(3),
            oddQueryValue().list().ofSize(maxQueryParameters()),
            Arbitraries.of(true, false))
        .as(
            (operation, segments, queryValues, oddPath) -> {
              List<String> pathNames = names(operation, "path");
              List<String> queryNames = names(operation, "query");
              Map<String, String> path = oddPath ? zip(pathNames, segments) : Map.of();
              return request(
                  operation,
                  target(operation, path, zip(queryNames, queryValues)),
                  operation.mediaType(),
                  operation.bodySchema().isPresent() ? objectText(BASES.get(operation)) : null);
            });
  }

  /** Right bodies in wrong envelopes: content types, repeated keys, sizes, broken JSON, methods. */
  @Provide
  Arbitrary<Request> badEnvelopes() {
    Arbitrary<Operation> routes = Arbitraries.of(withBodies());
    Arbitrary<Request> wrongType =
        Combinators.combine(
                routes,
                Arbitraries.of(
                    "text/plain", "application/xml", "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/jsonx", "json", "application/x-ndjson", "*/*", ";;"))
            .as((operation, type) -> request(operation, plainTarget(operation), type, bodyText(operation)));
    Arbitrary<Request> noType = routes.map(operation -> request(operation, plainTarget(operation), null, bodyText(operation)));
    Arbitrary<Request> repeatedKey =
        Combinators.combine(routes, Arbitraries.integers().between(0, 63), badJsonValue().filter(value -> !value.equals(DROPPED)))
            .as(
                (operation, pick, value) -> {
                  List<String> fields = new ArrayList<>(BASES.get(operation).keySet());
                  String field = fields.isEmpty() ? "amount" : fields.get(pick % fields.size());
                  String body = bodyText(operation);
                  String twice = "{" + JsonText.quote(field) + ": " + value + (body.length() > 2 ? ", " : "") + body.substring(1);
                  return request(operation, plainTarget(operation), operation.mediaType(), twice);
                });
    Arbitrary<Request> oversize =
        Combinators.combine(routes, Arbitraries.integers().between(1, 2_000))
            .as(
                (operation, extra) -> {
                  String body = bodyText(operation);
                  return request(operation, plainTarget(operation), operation.mediaType(), body + " ".repeat(MAX_BODY - body.length() + extra));
                });
    Arbitrary<Request> truncated =
        Combinators.combine(routes, Arbitraries.integers().between(0, 10_000))
            .as(
                (operation, cut) -> {
                  String body = bodyText(operation);
                  return request(operation, plainTarget(operation), operation.mediaType(), body.substring(0, cut % body.length()));
                });
    Arbitrary<Request> notUtf8 =
        Combinators.combine(routes, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200))
            .as(
                (operation, bytes) ->
                    new Request(operation.method().toUpperCase(Locale.ROOT), plainTarget(operation), headers(operation.mediaType()), bytes));
    Arbitrary<Request> wrongMethod =
        Combinators.combine(routes, Arbitraries.of("GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS", "TRACE", "BREW"))
            .as(
                (operation, method) ->
                    new Request(method, plainTarget(operation), headers(operation.mediaType()), bodyText(operation).getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(wrongType, noType, repeatedKey, oversize, truncated, notUtf8, wrongMethod);
  }

  private static List<Operation> withBodies() {
    return operations.stream().filter(operation -> operation.bodySchema().isPresent()).toList();
  }

  private static int maxQueryParameters() {
    return operations.stream().mapToInt(operation -> names(operation, "query").size()).max().orElse(0);
  }

  private static String plainTarget(Operation operation) {
    return target(operation, Map.of(), Map.of());
  }

  private static String bodyText(Operation operation) {
    return objectText(BASES.get(operation));
  }

  // --- values ------------------------------------------------------------------------------------

  /** A JSON value text that a field does not take, or {@code <dropped>} to leave the field out. */
  private static Arbitrary<String> badJsonValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, decimalText().map(JsonText::quote)),
        Tuple.of(3, decimalText().filter(BadInputPropertyTest::isJsonNumber)),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(80).map(JsonText::quote)),
        Tuple.of(2, Arbitraries.strings().withChars("\u0000\u0001\u0008\u001f\u007f\u0085\u2028\u202e\ufeff\ud800\udfff").ofMinLength(1).ofMaxLength(12).map(JsonText::quote)),
        Tuple.of(1, Arbitraries.integers().between(200, 12_000).map(length -> JsonText.quote("x".repeat(length)))),
        Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(
            3,
            Arbitraries.of(
                "true", "false", "null", "[]", "{}", "[1, 2]", "{\"a\": 1}", "\"\"", "\"   \"", "[\"x\"]", "[{}]", "[[[[[]]]]]",
                "\"2026-13-01\"", "\"2026-03-01T00:00:00+08:00\"", "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
                "\"P0D\"", "\"P-1M\"", "\"P9999999999Y\"", "\"9\"", "\"0\"", "\"x\"", "\"CNY \"", "\"cny\"", "\"<script>\"")),
        Tuple.of(1, Arbitraries.just(DROPPED)));
  }

  /** Numbers in every spelling: signs, blanks, exponents, many digits before and after the point. */
  private static Arbitrary<String> decimalText() {
    Arbitrary<String> sign = Arbitraries.of("", "", "", "-", "+", "--", " ", "\t");
    Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(45);
    Arbitrary<String> fraction =
        Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().numeric().ofMaxLength(45).map(digits -> "." + digits));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""), Arbitraries.just(""),
            Arbitraries.integers().between(-1_000_000_000, 1_000_000_000).map(power -> "e" + power),
            Arbitraries.integers().between(-30, 30).map(power -> "E+" + power));
    Arbitrary<String> trailer = Arbitraries.of("", "", "", " ", "x", ",5");
    return Combinators.combine(sign, whole, fraction, exponent, trailer).as((s, w, f, e, t) -> s + w + f + e + t);
  }

  private static boolean isJsonNumber(String text) {
    return text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  }

  /** A path segment: any unicode (encoded), raw odd characters, long or empty-ish. */
  private static Arbitrary<String> oddSegment() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).map(BadInputPropertyTest::encode),
        Arbitraries.of(
                "<", ">", "{", "}", "\\", "|", "^", "`", "\"", "%", "%00", "%zz", "..", ".", "%2e%2e", "%2F", ";", "@", ":", "[", "]", "'",
                "*", "!", "$", "&", "=", "+", ",", "%0d%0a", "%C0%AF", "%ff", "~")
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(parts -> String.join("x", parts)),
        Arbitraries.strings().withCharRange('\u00a0', '\u07ff').ofMinLength(1).ofMaxLength(8),
        Arbitraries.integers().between(100, 4_000).map("a"::repeat));
  }

  /** A query value: decimals in every spelling, any unicode, raw odd characters. */
  private static Arbitrary<String> oddQueryValue() {
    return Arbitraries.oneOf(
        decimalText().map(BadInputPropertyTest::encode),
        Arbitraries.strings().all().ofMaxLength(40).map(BadInputPropertyTest::encode),
        Arbitraries.of("<", "{x}", "\\", "%00", "%zz", "%", "a&b=c", "true", "TRUE", "-1", "0", "99999999999", "2026-13-01",
            "2026-03-01T00:00:00Z", "1e3", "P1M"));
  }

  // --- requests from the document ----------------------------------------------------------------

  private static Request request(Operation operation, String target, String contentType, String body) {
    return new Request(
        operation.method().toUpperCase(Locale.ROOT), target, headers(contentType), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> headers(String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + api.adminKey());
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return headers;
  }

  /** The route's path with known ids, or the given odd values, and the given query. */
  private static String target(Operation operation, Map<String, String> oddPath, Map<String, String> query) {
    String path = operation.template();
    for (String name : names(operation, "path")) {
      path = path.replace("{" + name + "}", oddPath.getOrDefault(name, KNOWN.getOrDefault(name, "x-1")));
    }
    if (query.isEmpty()) {
      return path;
    }
    return path + "?" + query.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("&"));
  }

  /** A plausible body from the route's schema: field name to JSON text. */
  private static Map<String, String> baseBody(Operation operation) {
    Map<String, String> body = new LinkedHashMap<>();
    JsonNode schema = operation.bodySchema().orElseThrow();
    schema.path("properties").fields().forEachRemaining(
        property -> body.put(property.getKey(), sample(property.getKey(), resolve(property.getValue()))));
    return body;
  }

  private static String sample(String name, JsonNode schema) {
    if (KNOWN.containsKey(name)) {
      return JsonText.quote(KNOWN.get(name));
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0).toString();
    }
    return switch (schema.path("type").asText()) {
      case "integer" -> "60";
      case "number" -> "1";
      case "boolean" -> "false";
      case "array" -> "[]";
      case "object" -> "{}";
      default -> switch (schema.path("format").asText()) {
        case "date-time" -> "\"2026-03-01T00:00:00Z\"";
        case "date" -> "\"2026-03-01\"";
        default -> schema.has("pattern") ? "\"1\"" : "\"x-1\"";
      };
    };
  }

  private static String objectText(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(entry -> JsonText.quote(entry.getKey()) + ": " + entry.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static List<Operation> operationsOf(JsonNode document) {
    List<Operation> found = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fields().forEachRemaining(
          entry -> {
            if (METHODS.contains(entry.getKey())) {
              List<JsonNode> parameters = new ArrayList<>();
              entry.getValue().path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
              JsonNode content = entry.getValue().path("requestBody").path("content");
              String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
              JsonNode schema = content.path(mediaType).path("schema");
              Optional<JsonNode> body = schema.isMissingNode() ? Optional.empty() : Optional.of(resolve(schema));
              found.add(new Operation(entry.getKey(), path.getKey(), parameters, body.map(BadInputPropertyTest::objectSchema), mediaType));
            }
          });
    }
    return found;
  }

  /** The schema itself, or for a body that is not an object (JSON lines) one field, {@code type}. */
  private static JsonNode objectSchema(JsonNode schema) {
    if (schema.has("properties")) {
      return schema;
    }
    ObjectNode lines = JSON.createObjectNode();
    lines.putObject("properties").putObject("type").put("type", "string");
    return lines;
  }

  private static List<String> names(Operation operation, String in) {
    return operation.parameters().stream()
        .filter(parameter -> parameter.path("in").asText().equals(in))
        .map(parameter -> parameter.path("name").asText())
        .toList();
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static Map<String, String> zip(List<String> names, List<String> values) {
    Map<String, String> zipped = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      zipped.put(names.get(i), values.get(i));
    }
    return zipped;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** JSON string literals. */
  private static final class JsonText {
    private JsonText() {}

    static String quote(String text) {
      try {
        return JSON.writeValueAsString(text);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
