package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.ConfigLoader;
import dev.tally.cli.command.Serving;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The upstream misbehaves after one good pricing sync: a storm of 5xx, an answer that never comes,
 * one that trickles in, one cut off, a page far beyond any sane size, broken JSON. Each time the
 * server ({@code tally serve}, with the demo catalogue; one for all the faults, as in production)
 * keeps pricing and charging uses from the programme it synced last, {@code POST /sync/pricing}
 * answers 502 problem+json, and {@code GET /sync} (as {@code tally sync status}, which reads the same
 * state) says why the sync failed, without the upstream's key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_KEY = "upstream-faults-admin-key-01";
  private static final String UPSTREAM_KEY = "upstream-secret-key-0001";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  /** 1,200 prompt and 300 completion tokens at the synced 8 and 32 per million, 10% off. */
  private static final String SYNCED_PRICE = "0.017280";
  private static final long HUGE_PAGE_BYTES = 1L << 30;
  private static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;

  /** Programme pp-llm-standard (the demo's) as the upstream has it now: prices doubled. */
  private static final String GOOD_PAGE =
      """
      {"items":[{"id":"pp-llm-standard","version":2,"name":"LLM standard","currency":"CNY",
        "discount":"0.9","price_lists":[{"enabled_date":"2026-01-01","expired_date":null,
          "unit_values":{"百万":1000000},
          "lines":[{"price_factors":["prompt_tokens","completion_tokens"],
                    "unit_prices":["8","32"],"unit":"百万","filters":{}}]}]}],
       "next":"p-2","has_more":false}""";

  /** What goes wrong, and the reason the sync's state must give for it. */
  enum Fault {
    SERVER_ERROR_STORM("upstream failed for pricing (503) at ") {
      @Override
      MockResponse answer(AtomicLong sent) {
        return new MockResponse.Builder().code(503).body("overloaded; key " + UPSTREAM_KEY).build();
      }
    },
    ANSWER_NEVER_COMES("upstream timed out for pricing at ") {
      @Override
      MockResponse answer(AtomicLong sent) {
        return json(GOOD_PAGE).newBuilder().headersDelay(3, TimeUnit.SECONDS).build();
      }
    },
    ANSWER_TRICKLES("the page took longer than 2 s to arrive") {
      @Override
      MockResponse answer(AtomicLong sent) {
        // 16 bytes every 300 ms: never silent for the read timeout, 7 s for the whole page
        return json(GOOD_PAGE).newBuilder().throttleBody(16, 300, TimeUnit.MILLISECONDS).build();
      }
    },
    ANSWER_CUT_OFF("upstream broke off the page for pricing at ") {
      @Override
      MockResponse answer(AtomicLong sent) {
        return json(GOOD_PAGE).newBuilder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
      }
    },
    HUGE_PAGE("the page is larger than " + MAX_PAGE_BYTES + " bytes") {
      @Override
      MockResponse answer(AtomicLong sent) {
        return new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(new EndlessItems(sent))
            .build();
      }
    },
    MALFORMED_JSON("upstream answered an unreadable page for pricing at ") {
      @Override
      MockResponse answer(AtomicLong sent) {
        return json("{\"items\":[{\"id\":\"pp-llm-standard\",\"version\":3,\"price_lists\":[{]}");
      }
    };

    final String reason;

    Fault(String reason) {
      this.reason = reason;
    }

    abstract MockResponse answer(AtomicLong sent);
  }

  @TempDir static Path dir;

  private static final MockWebServer upstream = new MockWebServer();
  private static final AtomicReference<Function<AtomicLong, MockResponse>> next =
      new AtomicReference<>(sent -> json(GOOD_PAGE));
  private static final AtomicLong hugeBytesSent = new AtomicLong();
  private static Cli cli;
  private static Serving server;
  private static Api api;
  private static String chatPro;

  /** The upstream, and a server that synced the programme from it once. */
  @BeforeAll
  static void startServing() throws IOException {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return next.get().apply(hugeBytesSent);
          }
        });
    upstream.start();
    cli = Cli.withConfig(dir, config());
    server = Serving.start(ConfigLoader.load(Optional.of(cli.configFile())), true);
    api = new Api(server.port());
    Reply synced = api.send("POST", "/sync/pricing", null);
    assertThat(synced.status()).as(synced.body()).isEqualTo(200);
    chatPro = api.chatPro();
  }

  @AfterAll
  static void stopServing() {
    try {
      server.close();
    } finally {
      upstream.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void keepsChargingFromTheLastGoodCacheAndSaysWhyTheSyncFailed(Fault fault) {
    next.set(fault::answer);
    int requestsBefore = upstream.getRequestCount();

    long started = System.nanoTime();
    Reply run = api.send("POST", "/sync/pricing", null);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    BigDecimal before = api.balance();
    Reply use = api.send("POST", "/usage", use(chatPro, "after-" + fault));
    BigDecimal charged = before.subtract(api.balance());
    JsonNode pricingState = api.pricingState();

    System.out.printf(
        "upstream fault %s: sync failed after %d ms (%d requests) with \"%s\"%s; the next use charged %s%n",
        fault, elapsedMillis, upstream.getRequestCount() - requestsBefore, pricingState.path("last_error").asText(),
        fault == Fault.HUGE_PAGE ? " having been sent " + hugeBytesSent.get() + " of " + HUGE_PAGE_BYTES + " bytes" : "",
        charged.toPlainString());
    assertThat(run.status()).as(run.body()).isEqualTo(502);
    assertThat(run.contentType()).startsWith("application/problem+json");
    assertThat(run.json().path("code").asText()).isEqualTo("upstream_unavailable");
    assertThat(run.json().path("detail").asText()).contains(fault.reason).doesNotContain(UPSTREAM_KEY);
    assertThat(use.status()).as(use.body()).isEqualTo(201);
    assertThat(use.json().path("sell_price").asText()).isEqualTo(SYNCED_PRICE);
    assertThat(charged).isEqualByComparingTo(SYNCED_PRICE);
    assertThat(pricingState.path("status").asText()).isEqualTo("failed");
    assertThat(pricingState.path("cursor").asText()).isEqualTo("p-2");
    assertThat(pricingState.path("last_error").asText()).contains(fault.reason).doesNotContain(UPSTREAM_KEY);
    if (fault == Fault.HUGE_PAGE) {
      // refused at the bound, not after the gigabyte: past the bound OkHttp only drains the
      // connection for 100 ms (keeping nothing) before it drops it
      assertThat(hugeBytesSent.get()).isLessThan(HUGE_PAGE_BYTES / 4);
    }
  }

  @Test
  void syncStatusSaysWhyTheLastSyncFailed() {
    next.set(Fault.SERVER_ERROR_STORM::answer);
    assertThat(api.send("POST", "/sync/pricing", null).status()).isEqualTo(502);

    Cli.Result status = cli.tally("sync", "status", "--json").succeeded();

    assertThat(status.out())
        .contains("\"status\":\"failed\"")
        .contains("\"last_error\":\"" + Fault.SERVER_ERROR_STORM.reason + upstream.url("/pricing/changes") + "\"")
        .doesNotContain(UPSTREAM_KEY);
  }

  private static String config() {
    String base = upstream.url("/").toString();
    return """
        database:
          url: "jdbc:h2:file:%s;WRITE_DELAY=0"
        server:
          port: 0
        security:
          admin_key: %s
          master_key: upstream-faults-master-key
        maintenance:
          interval_seconds: 0
        sync:
          base_url: "%s"
          signer: bearer
          api_key: %s
          timeout_seconds: 1
          page_timeout_seconds: 2
          max_attempts: 2
          users: {interval_seconds: 0}
          pricing: {interval_seconds: 0}
          uapi: {interval_seconds: 0}
          llmage: {interval_seconds: 0}
        """
        .formatted(dir.resolve("tally"), ADMIN_KEY, base, UPSTREAM_KEY);
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  /** acme's alice uses 1,200 prompt and 300 completion tokens of Chat Pro. */
  private static String use(String product, String ref) {
    return """
        {"product_id": "%s", "user_id": "alice", "user_org_id": "acme",
         "used_amount": "1500", "used_unit": "token",
         "usage": {"prompt_tokens": 1200, "completion_tokens": 300},
         "source_ref_table": "chat_request", "source_ref_id": "%s"}"""
        .formatted(product, ref);
  }

  /**
   * A page announcing {@value #HUGE_PAGE_BYTES} bytes of items, written as the reader takes them
   * (never held in memory here either), counting what was sent before the reader hung up.
   */
  private static final class EndlessItems implements MockResponseBody {
    private final AtomicLong sent;

    EndlessItems(AtomicLong sent) {
      this.sent = sent;
    }

    @Override
    public long getContentLength() {
      return HUGE_PAGE_BYTES;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] items = "{\"id\":\"pp-x\",\"version\":1},".repeat(2_000).getBytes(StandardCharsets.UTF_8);
      byte[] start = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
      sink.write(start);
      sent.set(start.length);
      while (sent.get() + items.length <= HUGE_PAGE_BYTES) {
        sink.write(items);
        sink.flush();
        sent.addAndGet(items.length);
      }
      sink.write(new byte[(int) (HUGE_PAGE_BYTES - sent.get())]);
    }
  }

  /** What the server answered. */
  private record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The server's API as the admin calls it. */
  private record Api(int port) {
    Reply send(String method, String path, String body) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + ADMIN_KEY)
              .header("Content-Type", "application/json")
              .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
              .build();
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    String chatPro() {
      for (JsonNode product : send("GET", "/products?owner_org_id=reseller-demo", null).json().path("items")) {
        if (product.path("product_name").asText().equals("Chat Pro")) {
          return product.path("id").asText();
        }
      }
      throw new AssertionError("the demo catalogue has no Chat Pro");
    }

    BigDecimal balance() {
      return new BigDecimal(send("GET", "/balances/acme", null).json().path("balance").asText());
    }

    JsonNode pricingState() {
      for (JsonNode state : send("GET", "/sync", null).json()) {
        if (state.path("entity").asText().equals("pricing")) {
          return state;
        }
      }
      throw new AssertionError("GET /sync lists no pricing");
    }
  }
}
