package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.cli.command.Serving;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database restarted under a server in the middle of a load run, twice: a clean stop ({@code
 * pg_ctl stop -m fast}) and a crash ({@code kill -9} of PostgreSQL), each time started again on
 * the same port. While it is down every use is answered 503 {@code storage_unavailable} as
 * problem+json with {@code Retry-After}, within the pool's connection timeout (no hang, no 500);
 * once it is back the same server serves again without a restart of its own; and no use is
 * half-applied: retried with its source ref, each use is there once with its ledger legs, the
 * balance moved by exactly the uses stored, and the ledger verifies clean.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DatabaseRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_KEY = "restart-test-admin-key-0123";
  private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1000);
  /** The connection timeout plus what a loaded two-core machine adds to a request. */
  private static final Duration ANSWER_BOUND = CONNECTION_TIMEOUT.plusSeconds(2);
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  /** How soon after the database accepts connections again the server must serve uses. */
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);
  private static final int CLIENTS = 6;
  /** 1,200 prompt and 300 completion tokens of the demo's Chat Pro: (1200 x 4 + 300 x 16) / 1e6 x 0.9. */
  private static final BigDecimal PRICE_OF_A_USE = new BigDecimal("0.00864");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  /** One server for both runs, each on a database of its own: initdb once. */
  private static RestartablePostgresql postgresql;

  @BeforeAll
  static void startPostgresql() {
    postgresql = RestartablePostgresql.startIn(dir);
  }

  @AfterAll
  static void stopPostgresql() {
    postgresql.close();
  }

  @ParameterizedTest(name = "group commit {0}")
  @ValueSource(booleans = {true, false})
  void answers503WhileTheDatabaseIsDownRecoversAndHalfAppliesNothing(boolean groupCommit)
      throws Exception {
    String database = postgresql.createDatabase("restart_group_commit_" + (groupCommit ? "on" : "off"));
    try (Serving server = Serving.start(config(database, groupCommit), true)) {
      String base = "http://127.0.0.1:" + server.port() + "/api/v1";
      String product = chatPro(base);
      BigDecimal balanceBefore = balance(base);
      Load load = new Load(base, product);
      load.start();
      load.awaitAcknowledged(20);

      Outage clean = outage("fast stop", load, postgresql::stopFast);
      Outage crash = outage("kill -9", load, postgresql::kill);
      load.stop();

      List<Call> calls = List.copyOf(load.calls);
      Set<String> failures = new LinkedHashSet<>();
      for (Call call : calls) {
        assertThat(call.status()).as("%s", call).isIn(201, 503);
        if (call.status() == 503) {
          assertThat(call.contentType()).as("%s", call).startsWith("application/problem+json");
          assertThat(call.code()).as("%s", call).isEqualTo("storage_unavailable");
          assertThat(call.retryAfter()).as("%s", call).contains("1");
          assertThat(call.elapsed()).as("%s", call).isLessThanOrEqualTo(ANSWER_BOUND);
          failures.add(call.ref());
        }
      }
      for (Outage outage : List.of(clean, crash)) {
        assertThat(outage.answeredWhileDown(calls)).as(outage.name()).isNotEmpty().allMatch(call -> call.status() == 503);
        assertThat(outage.recovery()).as(outage.name()).isLessThanOrEqualTo(RECOVERY_BOUND);
        assertThat(outage.health().statusCode()).as(outage.name()).isEqualTo(503);
        assertThat(outage.health().body()).as(outage.name()).contains("\"database\":\"down\"");
      }
      assertThat(calls.get(calls.size() - 1).status()).as("the last use, with the database back").isEqualTo(201);

      // a client retries what failed with the same source ref: applied once, whatever happened
      int appliedBeforeTheirFailure = 0;
      for (String ref : failures) {
        Call retry = load.use(ref);
        assertThat(retry.status()).as("%s", retry).isIn(200, 201);
        appliedBeforeTheirFailure += retry.status() == 200 ? 1 : 0;
      }
      Set<String> sent = calls.stream().map(Call::ref).collect(Collectors.toSet());
      JsonNode usage = get(base + "/usage?user_org_id=acme&page_size=1");
      JsonNode verify = get(base + "/accounting/verify");
      BigDecimal balanceAfter = balance(base);
      long accepted = calls.stream().filter(call -> call.status() == 201).count();

      System.out.printf(
          "database restart (group commit %s): %d uses by %d clients, %d answered 201, %d answered"
              + " 503 (slowest %d ms, bound %d ms), %d of those applied before their 503;"
              + " fast stop: %d answered while down, served again %d ms after the restart;"
              + " kill -9: %d answered while down, served again %d ms after the restart%n",
          groupCommit ? "on" : "off", calls.size(), CLIENTS, accepted, failures.size(),
          calls.stream().filter(call -> call.status() == 503).map(Call::elapsed).max(Duration::compareTo).orElseThrow().toMillis(),
          ANSWER_BOUND.toMillis(), appliedBeforeTheirFailure,
          clean.answeredWhileDown(calls).size(), clean.recovery().toMillis(),
          crash.answeredWhileDown(calls).size(), crash.recovery().toMillis());
      assertThat(failures).as("uses answered 503").isNotEmpty();
      assertThat(usage.path("total").asLong()).as("every use, once").isEqualTo(sent.size());
      assertThat(verify.path("clean").asBoolean()).as("%s", verify).isTrue();
      assertThat(verify.path("usages").asLong()).isEqualTo(sent.size());
      assertThat(balanceBefore.subtract(balanceAfter))
          .isEqualByComparingTo(PRICE_OF_A_USE.multiply(BigDecimal.valueOf(sent.size())));
    }
  }

  /**
   * Takes the database down with {@code stop} while the load runs, keeps it down for {@link
   * #OUTAGE} (asking {@code /health} meanwhile), starts it again and waits for the first use
   * acknowledged after that.
   */
  private Outage outage(String name, Load load, Runnable stop) throws InterruptedException {
    stop.run();
    long down = System.nanoTime();
    HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(load.base + "/health")).GET());
    TimeUnit.NANOSECONDS.sleep(Math.max(0, OUTAGE.toNanos() - (System.nanoTime() - down)));
    long restarting = System.nanoTime();
    postgresql.start();
    long back = System.nanoTime();
    long served = load.awaitAcknowledgedSince(back, RECOVERY_BOUND.plusSeconds(5));
    return new Outage(name, down, restarting, Duration.ofNanos(served - back), health);
  }

  /**
   * One outage: from {@code down} (the database stopped) to {@code restarting} (asked to start),
   * then {@code recovery} from the database accepting connections to the first use stored.
   */
  private record Outage(String name, long down, long restarting, Duration recovery, HttpResponse<String> health) {
    /** The uses sent and answered while the database was surely down. */
    List<Call> answeredWhileDown(List<Call> calls) {
      return calls.stream().filter(call -> call.sentAt() >= down && call.answeredAt() <= restarting).toList();
    }
  }

  /** One use sent and what it was answered. */
  private record Call(
      String ref, int status, String contentType, String code, Optional<String> retryAfter, long sentAt, long answeredAt) {
    Duration elapsed() {
      return Duration.ofNanos(answeredAt - sentAt);
    }
  }

  /** {@link #CLIENTS} threads, each sending new uses one after the other until stopped. */
  private final class Load {
    final String base;
    final String product;
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    final AtomicBoolean running = new AtomicBoolean(true);
    final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    final List<Future<?>> loops = new ArrayList<>();

    Load(String base, String product) {
      this.base = base;
      this.product = product;
    }

    void start() {
      for (int client = 0; client < CLIENTS; client++) {
        String prefix = "c" + client + "-";
        loops.add(
            clients.submit(
                () -> {
                  for (int i = 0; running.get(); i++) {
                    calls.add(use(prefix + i));
                  }
                  return null;
                }));
      }
    }

    void stop() throws Exception {
      running.set(false);
      for (Future<?> loop : loops) {
        loop.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
    }

    void awaitAcknowledged(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (calls.stream().filter(call -> call.status() == 201).count() < count) {
        assertThat(System.nanoTime()).as("%s uses acknowledged; last answers: %s", count, last(5)).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }

    /** When the first use sent after {@code since} was answered 201. */
    long awaitAcknowledgedSince(long since, Duration patience) throws InterruptedException {
      long deadline = System.nanoTime() + patience.toNanos();
      while (System.nanoTime() < deadline) {
        Optional<Call> first =
            calls.stream().filter(call -> call.sentAt() >= since && call.status() == 201).findFirst();
        if (first.isPresent()) {
          return first.get().answeredAt();
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
      throw new AssertionError("no use acknowledged within " + patience + "; last answers: " + last(5));
    }

    private List<Call> last(int count) {
      List<Call> all = List.copyOf(calls);
      return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** acme's alice uses 1,200 prompt and 300 completion tokens of Chat Pro, under {@code ref}. */
    Call use(String ref) {
      String body =
          """
          {"product_id": "%s", "user_id": "alice", "user_org_id": "acme",
           "used_amount": "1500", "used_unit": "token",
           "usage": {"prompt_tokens": 1200, "completion_tokens": 300},
           "source_ref_table": "chat_request", "source_ref_id": "%s"}"""
              .formatted(product, ref);
      long sent = System.nanoTime();
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(base + "/usage"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      long answered = System.nanoTime();
      String code = response.statusCode() >= 400 ? json(response.body()).path("code").asText() : "";
      return new Call(
          ref,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          code,
          response.headers().firstValue("Retry-After"),
          sent,
          answered);
    }
  }

  private TallyConfig config(String databaseUrl, boolean groupCommit) {
    Map<String, String> environment = new HashMap<>();
    environment.put("TALLY_DATABASE_URL", databaseUrl);
    environment.put("TALLY_DATABASE_USER", postgresql.user());
    environment.put("TALLY_DATABASE_POOL_SIZE", "4");
    environment.put("TALLY_DATABASE_CONNECTION_TIMEOUT_MILLIS", Long.toString(CONNECTION_TIMEOUT.toMillis()));
    environment.put("TALLY_METERING_GROUP_COMMIT_ENABLED", Boolean.toString(groupCommit));
    environment.put("TALLY_SERVER_PORT", "0");
    environment.put("TALLY_SECURITY_ADMIN_KEY", ADMIN_KEY);
    environment.put("TALLY_SECURITY_MASTER_KEY", "restart-test-master-key");
    environment.put("TALLY_MAINTENANCE_INTERVAL_SECONDS", "0");
    return ConfigLoader.load(Optional.empty(), environment);
  }

  private String chatPro(String base) {
    for (JsonNode product : get(base + "/products?owner_org_id=reseller-demo").path("items")) {
      if (product.path("product_name").asText().equals("Chat Pro")) {
        return product.path("id").asText();
      }
    }
    throw new AssertionError("the demo catalogue has no Chat Pro");
  }

  private BigDecimal balance(String base) {
    return new BigDecimal(get(base + "/balances/acme").path("balance").asText());
  }

  private JsonNode get(String url) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return json(response.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.header("Authorization", "Bearer " + ADMIN_KEY).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
