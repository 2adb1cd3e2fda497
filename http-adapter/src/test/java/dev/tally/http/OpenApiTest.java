package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.auth.SecretSealer;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.testing.FakeClock;
import dev.tally.core.testing.InMemoryStore;
import dev.tally.core.testing.SequentialIds;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document ({@code openapi/openapi.json}, served at {@code /api/v1/openapi.json})
 * describes exactly the routes the server serves: a route missing from it fails, and so does a
 * documented route that is not served. The failure message lists both, as {@code "METHOD path"},
 * so whoever adds a route knows what to write.
 */
class OpenApiTest {
  private static final String DOCUMENT = "/openapi/openapi.json";
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
  private static final Set<String> ROLES = Set.of("admin", "service", "customer");
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final ApiServer api = new ApiServer();

  private static TallyServer server;
  private static JsonNode document;

  @BeforeAll
  static void startAServerAndReadTheDocument() throws IOException {
    TallyCore core =
        new TallyCore(
            new InMemoryStore(),
            new FakeClock(Instant.parse("2026-03-01T00:00:00Z")),
            new SequentialIds(),
            CoreSettings.DEFAULTS.withSecretSealer(SecretSealer.withMasterKey("openapi-test-key")));
    server =
        TallyServer.start(
            core,
            ServerSettings.DEFAULTS.withPort(0),
            () -> new HealthProbe.Report(true, Map.of("database", "up")),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try (InputStream in = OpenApiTest.class.getResourceAsStream(DOCUMENT)) {
      assertThat(in).as(DOCUMENT + " on the classpath").isNotNull();
      document = JSON.readTree(in);
    }
  }

  @AfterAll
  static void stopTheServer() {
    server.close();
  }

  @Test
  void isAnOpenApi3Document() {
    assertThat(document.path("openapi").asText()).startsWith("3.");
    assertThat(document.path("info").path("title").asText()).isNotBlank();
    assertThat(document.path("info").path("version").asText()).isNotBlank();
    assertThat(document.path("paths").isObject()).isTrue();
  }

  @Test
  void documentsEveryRouteServedAndNoOther() {
    SortedSet<String> served = new TreeSet<>();
    server.routes().forEach(route -> served.add(openApiPath(route)));
    SortedSet<String> documented = documentedRoutes();

    SortedSet<String> missing = new TreeSet<>(served);
    missing.removeAll(documented);
    SortedSet<String> extra = new TreeSet<>(documented);
    extra.removeAll(served);

    assertThat(served).as("the server serves routes").isNotEmpty();
    assertThat(missing.isEmpty() && extra.isEmpty())
        .as(
            "openapi.json must describe exactly the routes served.%n"
                + "Served but not documented (%d) - add them to %s:%n  %s%n"
                + "Documented but not served (%d) - remove them or serve them:%n  %s",
            missing.size(),
            "http-adapter/src/main/resources" + DOCUMENT,
            String.join("\n  ", missing),
            extra.size(),
            String.join("\n  ", extra))
        .isTrue();
  }

  @Test
  void isServedWithoutCredentialsAsItIsOnTheClasspath() {
    Reply reply = api.anonymous().get("/api/v1/openapi.json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json()).isEqualTo(document);
  }

  @Test
  void declaresEveryPathParameterOfEachRouteAndNoOther() {
    List<String> wrong = new ArrayList<>();
    forEachOperation(
        (path, method, operation) -> {
          Set<String> inTemplate = new TreeSet<>();
          Matcher matcher = PATH_PARAM.matcher(path);
          while (matcher.find()) {
            inTemplate.add(matcher.group(1));
          }
          Set<String> declared = new TreeSet<>();
          for (JsonNode parameter : parameters(path, operation)) {
            if (parameter.path("in").asText().equals("path")) {
              declared.add(parameter.path("name").asText());
              if (!parameter.path("required").asBoolean()) {
                wrong.add(route(method, path) + ": path parameter " + parameter.path("name") + " is not required");
              }
            }
          }
          if (!inTemplate.equals(declared)) {
            wrong.add(route(method, path) + ": template has " + inTemplate + ", declared " + declared);
          }
        });

    assertThat(wrong).as("path parameters").isEmpty();
  }

  @Test
  void givesEveryOperationAnIdASuccessResponseAndProblemAnswers() {
    List<String> wrong = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    forEachOperation(
        (path, method, operation) -> {
          String id = operation.path("operationId").asText();
          if (id.isEmpty() || !ids.add(id)) {
            wrong.add(route(method, path) + ": operationId missing or repeated: '" + id + "'");
          }
          JsonNode responses = operation.path("responses");
          boolean success = false;
          for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
            success |= codes.next().startsWith("2");
          }
          if (!success) {
            wrong.add(route(method, path) + ": no 2xx response");
          }
          if (!path.equals("/api/v1/openapi.json") && !responses.has("default") && !responses.has("400")
              && !responses.has("401")) {
            wrong.add(route(method, path) + ": no problem response");
          }
        });

    assertThat(wrong).as("operations").isEmpty();
  }

  @Test
  void saysWhoMayCallEachOperation() {
    List<String> wrong = new ArrayList<>();
    forEachOperation(
        (path, method, operation) -> {
          JsonNode security = operation.get("security");
          boolean open = security != null && security.isArray() && security.isEmpty();
          boolean isPublic = path.equals("/api/v1/health") || path.equals("/api/v1/openapi.json");
          if (isPublic != open) {
            wrong.add(route(method, path) + (isPublic ? ": public, needs security []" : ": needs credentials, must not say security []"));
          }
          JsonNode roles = operation.path("x-tally-roles");
          if (!isPublic) {
            if (!roles.isArray() || roles.isEmpty()) {
              wrong.add(route(method, path) + ": no x-tally-roles");
            }
            roles.forEach(
                role -> {
                  if (!ROLES.contains(role.asText())) {
                    wrong.add(route(method, path) + ": unknown role " + role);
                  }
                });
          }
        });

    assertThat(wrong).as("security and roles").isEmpty();
  }

  @Test
  void describesEachWayToPresentCredentials() {
    JsonNode schemes = document.path("components").path("securitySchemes");

    assertThat(schemes.path("bearer").path("type").asText()).isEqualTo("http");
    assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
    assertThat(schemes.path("apiKey").path("in").asText()).isEqualTo("header");
    assertThat(schemes.path("apiKey").path("name").asText()).isEqualTo("x-api-key");
    assertThat(schemes.path("deerer").path("description").asText()).contains("AES-256-ECB");
    for (String header : List.of("X-Tally-App", "X-Tally-Timestamp", "X-Tally-Nonce", "X-Tally-Signature")) {
      assertThat(schemes.toString()).as("HMAC header " + header).contains(header);
    }
    assertThat(document.path("security").size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void resolvesEveryReference() {
    List<String> unresolved = new ArrayList<>();
    collectReferences(document, unresolved);

    assertThat(unresolved).as("$refs that point nowhere").isEmpty();
  }

  @Test
  void describesProblemsWithTheirStableCode() {
    JsonNode problem = document.path("components").path("schemas").path("Problem");

    assertThat(problem.path("required").toString()).contains("code").contains("status").contains("detail");
    assertThat(problem.path("properties").has("type")).isTrue();
    assertThat(problem.path("properties").has("instance")).isTrue();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Javalin's {@code <name>} path parameters are OpenAPI's {@code {name}}. */
  private static String openApiPath(String route) {
    return route.replace('<', '{').replace('>', '}');
  }

  private static SortedSet<String> documentedRoutes() {
    SortedSet<String> routes = new TreeSet<>();
    forEachOperation((path, method, operation) -> routes.add(route(method, path)));
    return routes;
  }

  private static String route(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  private interface OperationVisitor {
    void visit(String path, String method, JsonNode operation);
  }

  private static void forEachOperation(OperationVisitor visitor) {
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          visitor.visit(path.getKey(), op.getKey(), op.getValue());
        }
      }
    }
  }

  /** The parameters of an operation, with those of its path item, references resolved. */
  private static List<JsonNode> parameters(String path, JsonNode operation) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode parameter : document.path("paths").path(path).path("parameters")) {
      all.add(resolve(parameter));
    }
    for (JsonNode parameter : operation.path("parameters")) {
      all.add(resolve(parameter));
    }
    return all;
  }

  private static JsonNode resolve(JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    return document.at(node.get("$ref").asText().substring(1));
  }

  private static void collectReferences(JsonNode node, List<String> unresolved) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null) {
        String target = ref.asText();
        if (!target.startsWith("#/") || document.at(target.substring(1)).isMissingNode()) {
          unresolved.add(target);
        }
      }
      node.elements().forEachRemaining(child -> collectReferences(child, unresolved));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectReferences(child, unresolved));
    }
  }
}
