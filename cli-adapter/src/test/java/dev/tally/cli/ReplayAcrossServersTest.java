package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.cli.command.Serving;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.SignedRequest;
import dev.tally.http.auth.Authenticator;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A credential is used once, whichever server sees it: two servers (as {@code tally serve} runs
 * them) share one database, PostgreSQL or an H2 file. A signed {@code POST /holds} and a Deerer
 * token accepted by one are refused by the other, also when the replays race both servers at once,
 * and again by a server started after both stopped.
 */
class ReplayAcrossServersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ADMIN_KEY = "replay-test-admin-key-0123";
  private static final String APP_SECRET = "replay-test-app-secret";
  private static final String APP_KEY = "replay-test-service-key";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2-file"})
  void refusesAReplayOnTheOtherServerAndAfterARestart(String database) {
    TallyConfig config = config(database);
    Map<String, String> signedHold;
    String holdBody;
    String deerer;
    try (Serving first = Serving.start(config, false);
        Serving second = Serving.start(config, false)) {
      String hold = hold(prepare(first));
      signedHold = signed("POST", "/api/v1/holds", hold, "nonce-1");
      deerer = "Deerer partner" + DeererToken.SEPARATOR
          + DeererToken.encrypt(APP_SECRET, Instant.now().getEpochSecond() + ".8731", APP_KEY);

      assertThat(send(first, "POST", "/api/v1/holds", signedHold, hold).status()).isEqualTo(201);
      Reply replayedSigned = send(second, "POST", "/api/v1/holds", signedHold, hold);
      holdBody = hold;
      assertThat(send(first, "GET", "/api/v1/balances/acme", Map.of("Authorization", deerer), null).status()).isEqualTo(200);
      Reply replayedDeerer = send(second, "GET", "/api/v1/balances/acme", Map.of("Authorization", deerer), null);

      assertUsedBefore(replayedSigned);
      assertUsedBefore(replayedDeerer);
      assertThat(held(second)).isEqualByComparingTo("3");
    }
    try (Serving restarted = Serving.start(config, false)) {
      assertUsedBefore(send(restarted, "POST", "/api/v1/holds", signedHold, holdBody));
      assertUsedBefore(send(restarted, "GET", "/api/v1/balances/acme", Map.of("Authorization", deerer), null));
      assertThat(held(restarted)).isEqualByComparingTo("3");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2-file"})
  void acceptsASignedRequestOnceWhenItsReplaysRaceOnBothServers(String database) throws Exception {
    TallyConfig config = config(database);
    try (Serving first = Serving.start(config, false);
        Serving second = Serving.start(config, false)) {
      String hold = hold(prepare(first));
      Map<String, String> signedHold = signed("POST", "/api/v1/holds", hold, "nonce-race");
      int senders = 16;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        Serving target = i % 2 == 0 ? first : second;
        replies.add(
            pool.submit(
                () -> {
                  go.await();
                  return send(target, "POST", "/api/v1/holds", signedHold, hold);
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        statuses.add(reply.get(60, TimeUnit.SECONDS).status());
      }
      pool.shutdown();

      assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
      assertThat(statuses).filteredOn(status -> status == 401).hasSize(senders - 1);
      assertThat(held(second)).isEqualByComparingTo("3");
    }
  }

  /** A hold of 3 on acme for {@code product}. */
  private static String hold(String product) {
    return "{\"user_org_id\": \"acme\", \"user_id\": \"u-1\", \"product_id\": \"" + product + "\","
        + " \"amount\": \"3\", \"ttl_seconds\": 600}";
  }

  /**
   * A customer with a balance, a product, and a service app with a key, made through {@code
   * server}; returns the product's id.
   */
  private String prepare(Serving server) {
    Map<String, String> admin = Map.of("Authorization", "Bearer " + ADMIN_KEY, "Content-Type", "application/json");
    assertThat(send(server, "POST", "/api/v1/balances/acme/recharge", admin, "{\"amount\": \"100\"}").status()).isEqualTo(200);
    String lines =
        "{\"type\": \"app\", \"app_id\": \"partner\", \"secret\": \"" + APP_SECRET + "\"}\n"
            + "{\"type\": \"key\", \"key\": \"" + APP_KEY + "\", \"role\": \"service\", \"app_id\": \"partner\"}\n";
    Map<String, String> importing = new HashMap<>(admin);
    importing.put("Content-Type", "application/x-ndjson");
    Reply imported = send(server, "POST", "/api/v1/apps/import", importing, lines);
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    Reply product =
        send(server, "POST", "/api/v1/products", admin, "{\"product_name\": \"LLM\", \"owner_org_id\": \"reseller\"}");
    assertThat(product.status()).as(product.body()).isEqualTo(201);
    return product.json().path("id").asText();
  }

  private TallyConfig config(String database) {
    Map<String, String> environment = new HashMap<>();
    if (database.equals("postgresql")) {
      environment.put("TALLY_DATABASE_URL", freshPostgresql());
      environment.put("TALLY_DATABASE_USER", "postgres");
    } else {
      environment.put("TALLY_DATABASE_URL", "jdbc:h2:file:" + dir.resolve("tally") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000");
    }
    environment.put("TALLY_DATABASE_POOL_SIZE", "4");
    environment.put("TALLY_SERVER_PORT", "0");
    environment.put("TALLY_SECURITY_ADMIN_KEY", ADMIN_KEY);
    environment.put("TALLY_SECURITY_MASTER_KEY", "replay-test-master-key");
    // each failed replay counts against the address; the test's many are expected
    environment.put("TALLY_SECURITY_AUTH_FAILURES_PER_MINUTE", "1000");
    return ConfigLoader.load(Optional.empty(), environment);
  }

  /**
   * An empty database of this test on the machine's PostgreSQL (named with the checkout's test
   * suffix); the test is skipped when the server is unreachable, unless CI requires it.
   */
  private static String freshPostgresql() {
    String suffix =
        Optional.ofNullable(System.getenv("TALLY_TEST_DATABASE_SUFFIX"))
            .filter(given -> given.matches("[a-z0-9_]{1,20}"))
            .map(given -> "_" + given)
            .orElse("");
    String name = "tally_replay" + suffix;
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      boolean required =
          Optional.ofNullable(System.getenv("TALLY_TEST_DATABASES")).orElse("").toLowerCase(Locale.ROOT).contains("postgresql");
      if (required) {
        throw new AssertionError("PostgreSQL is required (TALLY_TEST_DATABASES) but unreachable: " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
    }
    return "jdbc:postgresql://127.0.0.1:5432/" + name;
  }

  /** The HMAC headers of {@code method path body} signed by the app now with {@code nonce}. */
  private static Map<String, String> signed(String method, String path, String body, String nonce) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    SignedRequest request =
        new SignedRequest(method, path, Map.of(), timestamp, nonce, body.getBytes(StandardCharsets.UTF_8));
    return Map.of(
        Authenticator.APP_HEADER, "partner",
        Authenticator.TIMESTAMP_HEADER, timestamp,
        Authenticator.NONCE_HEADER, nonce,
        Authenticator.SIGNATURE_HEADER, request.signature(APP_SECRET),
        "Content-Type", "application/json");
  }

  private static BigDecimal held(Serving server) {
    String held =
        send(server, "GET", "/api/v1/balances/acme", Map.of("Authorization", "Bearer " + ADMIN_KEY), null)
            .json().path("held").asText();
    return new BigDecimal(held);
  }

  private static void assertUsedBefore(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.json().path("detail").asText()).contains("used before");
  }

  private record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Reply send(Serving server, String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
