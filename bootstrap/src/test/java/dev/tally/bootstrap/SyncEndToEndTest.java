package dev.tally.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncReport.Outcome;
import dev.tally.core.sync.SyncState;
import dev.tally.core.sync.SyncStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync end to end: Tally opened from configuration on an H2 file, pulling from a scripted
 * upstream over HTTP through the OkHttp gateway, signed with a bearer key, with the retries,
 * leases, caches and freshness of DESIGN section 4.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncEndToEndTest {
  private static final String UPSTREAM_KEY = "upstream-key-0001";
  private static final Currency CNY = Currency.CNY;

  @TempDir Path data;

  private final Feeds feeds = new Feeds();
  private final MockWebServer upstream = new MockWebServer();
  private final List<Tally> opened = new ArrayList<>();

  @BeforeEach
  void startUpstream() throws Exception {
    upstream.setDispatcher(feeds);
    upstream.start();
  }

  @AfterEach
  void stopEverything() {
    feeds.releaseAll();
    opened.forEach(Tally::close);
    upstream.close();
  }

  // (a) every entity, through the whole stack

  @Test
  void syncsEveryEntityIntoItsCacheSigningEachRequest() throws Exception {
    feeds.page("/users/changes", USERS_PAGE_1);
    feeds.page("/users/changes", USERS_PAGE_2);
    feeds.page("/pricing/changes", PRICING_PAGE);
    feeds.page("/uapi/changes", UAPI_PAGE);
    feeds.page("/llmage/changes", LLMAGE_PAGE);
    Tally tally = open();

    Map<SyncEntity, SyncReport> reports = new HashMap<>();
    for (SyncEntity entity : SyncEntity.values()) {
      SyncReport report = tally.sync().run(entity);
      reports.put(entity, report);
      System.out.println(figures(report));
      assertThat(report.outcome()).as(report.toString()).isEqualTo(Outcome.COMPLETED);
    }

    assertThat(reports.get(SyncEntity.USERS))
        .extracting(SyncReport::pages, SyncReport::upserted, SyncReport::deleted, SyncReport::retries)
        .containsExactly(2, 5, 1, 0);
    assertThat(tally.sync().entries(SyncEntity.USERS, Optional.empty(), PageRequest.first(10)).items())
        .extracting(CatalogEntry::id)
        .containsExactlyInAnyOrder("u-1", "u-3", "u-4", "u-5");
    assertThat(tally.sync().entries(SyncEntity.USERS, Optional.of(OrgId.of("acme")), PageRequest.first(10)).items())
        .extracting(CatalogEntry::id)
        .containsExactlyInAnyOrder("u-1", "u-4");
    CatalogEntry alice = tally.sync().entry(SyncEntity.USERS, "u-1").orElseThrow();
    assertThat(alice.name()).contains("Alice");
    assertThat(alice.version()).isEqualTo(3);
    assertThat(alice.json()).contains("\"email\":\"alice@acme.example\"");
    assertThat(tally.sync().entry(SyncEntity.USERS, "u-2")).as("deleted by the tombstone").isEmpty();

    PricingProgram llm = tally.pricing().program(PricingProgramId.of("pp-e2e"));
    assertThat(llm.name()).isEqualTo("LLM e2e");
    assertThat(llm.version()).isEqualTo(1);
    assertThat(llm.discount()).isEqualByComparingTo("0.9");
    PriceLine line = llm.priceLists().get(0).lines().get(0);
    assertThat(line.priceFactors()).containsExactly("prompt_tokens", "completion_tokens");
    assertThat(line.unitPrices())
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("4"), new BigDecimal("16"));
    PriceLine flat = tally.pricing().program(PricingProgramId.of("pp-flat")).priceLists().get(0).lines().get(0);
    assertThat(flat.priceFactors()).containsExactly(PriceLine.FLAT);
    assertThat(flat.unitPrices()).usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("0.01"));

    assertThat(tally.sync().entries(SyncEntity.UAPI, Optional.empty(), PageRequest.first(10)).items())
        .extracting(CatalogEntry::id, entry -> entry.name().orElseThrow())
        .containsExactly(tuple("ocr-v2", "OCR"));
    assertThat(tally.sync().entry(SyncEntity.LLMAGE, "MiniMax-M3").orElseThrow().json())
        .contains("\"context\":1000000");

    assertThat(tally.sync().states())
        .allSatisfy(
            state -> {
              assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
              assertThat(state.lastSuccessAt()).isPresent();
              assertThat(state.leaseOwner()).isEmpty();
            })
        .extracting(SyncState::cursor)
        .containsExactly(Optional.of("users-0006"), Optional.of("p-1"), Optional.of("uapi-42"), Optional.of("m-9"));

    List<RecordedRequest> requests = takeRequests(5);
    assertThat(requests)
        .extracting(RecordedRequest::getTarget)
        .containsExactly(
            "/users/changes?limit=3",
            "/users/changes?since=users-0003&limit=3",
            "/pricing/changes?limit=3",
            "/uapi/changes?limit=3",
            "/llmage/changes?limit=3");
    assertThat(requests)
        .allSatisfy(
            request -> {
              assertThat(request.getMethod()).isEqualTo("GET");
              assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
            });
  }

  @Test
  void theNextSyncAsksForChangesSinceTheStoredCursor() throws Exception {
    feeds.page("/uapi/changes", UAPI_PAGE);
    feeds.page("/uapi/changes", page("{\"id\":\"asr-v1\",\"version\":1,\"name\":\"ASR\"}", "uapi-43", false));
    Tally tally = open();

    tally.sync().run(SyncEntity.UAPI);
    SyncReport second = tally.sync().run(SyncEntity.UAPI);

    assertThat(second.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(takeRequests(2).get(1).getTarget()).isEqualTo("/uapi/changes?since=uapi-42&limit=3");
    assertThat(tally.sync().entries(SyncEntity.UAPI, Optional.empty(), PageRequest.first(10)).items())
        .extracting(CatalogEntry::id)
        .containsExactlyInAnyOrder("ocr-v2", "asr-v1");
  }

  @Test
  void measuresSyncRunsCachesAndThePoolWhenGivenARegistry() {
    feeds.page("/uapi/changes", UAPI_PAGE);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Tally tally = Tally.open(config(Map.of()).withoutBackgroundWork(), registry);
    opened.add(tally);

    tally.sync().run(SyncEntity.UAPI);
    tally.sync().entry(SyncEntity.UAPI, "ocr-v2");
    tally.sync().entry(SyncEntity.UAPI, "ocr-v2");

    assertThat(registry.get("tally.sync.items").tag("entity", "uapi").counter().count()).isEqualTo(2);
    assertThat(registry.get("tally.sync.pages").tag("entity", "uapi").counter().count()).isEqualTo(1);
    assertThat(
            registry.get("tally.sync.runs").tags("entity", "uapi", "outcome", "completed").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("tally.sync.duration").tag("entity", "uapi").timer().count()).isEqualTo(1);
    assertThat(registry.get("tally.cache.hits").tag("cache", "catalog").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("tally.cache.misses").tag("cache", "catalog").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("tally.cache.size").tag("cache", "pricing").gauge()).isNotNull();
    assertThat(registry.get("hikaricp.connections").gauge().value()).isPositive();
  }

  // (b) a pricing change by sync reaches the next use

  @Test
  void aPricingChangeArrivingBySyncPricesTheNextUse() throws Exception {
    feeds.page("/pricing/changes", PRICING_PAGE);
    feeds.page("/pricing/changes", page(llmProgramme(2, "8", "32"), "p-2", false));
    Tally tally = open();
    assertThat(tally.sync().run(SyncEntity.PRICING).outcome()).isEqualTo(Outcome.COMPLETED);
    Product chat = programmePricedProduct(tally);
    tally.balances().recharge(new Recharge(OrgId.of("acme"), Money.of("100", CNY), Optional.empty(), "e2e"));

    Money before = use(tally, chat, "req-1");
    Money cachedStill = use(tally, chat, "req-2");
    SyncReport change = tally.sync().run(SyncEntity.PRICING);
    Money after = use(tally, chat, "req-3");

    // (1200 x 4 + 300 x 16) / 1e6 x 0.9 = 0.00864; then (1200 x 8 + 300 x 32) / 1e6 x 0.9 = 0.01728
    assertThat(before.amount()).isEqualByComparingTo("0.00864");
    assertThat(cachedStill.amount()).isEqualByComparingTo("0.00864");
    assertThat(change.upserted()).isEqualTo(1);
    assertThat(tally.pricing().program(PricingProgramId.of("pp-e2e")).version()).isEqualTo(2);
    assertThat(after.amount()).isEqualByComparingTo("0.01728");
    assertThat(takeRequests(2).get(1).getTarget()).isEqualTo("/pricing/changes?since=p-1&limit=3");
  }

  // (c) 500, then success

  @Test
  void retriesAServerErrorAndSucceeds() throws Exception {
    feeds.respond("/llmage/changes", new MockResponse.Builder().code(500).body("busy").build());
    feeds.page("/llmage/changes", LLMAGE_PAGE);
    Tally tally = open();

    SyncReport report = tally.sync().run(SyncEntity.LLMAGE);

    System.out.println(figures(report));
    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.retries()).isEqualTo(1);
    assertThat(report.upserted()).isEqualTo(1);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
    assertThat(takeRequests(2))
        .extracting(RecordedRequest::getTarget)
        .containsOnly("/llmage/changes?limit=3");
    SyncState state = state(tally, SyncEntity.LLMAGE);
    assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
    assertThat(state.lastError()).isEmpty();
    assertThat(state.attempts()).isZero();
  }

  // (d) a page that cannot be read

  @Test
  void garbageFailsTheRunSaysWhyAndKeepsThePreviousCache() throws Exception {
    feeds.page("/uapi/changes", UAPI_PAGE);
    feeds.respond(
        "/uapi/changes",
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"items\":[{\"id\":\"ocr-v3\",\"vers")
            .build());
    feeds.respond(
        "/uapi/changes",
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/html")
            .body("<html>maintenance</html>")
            .build());
    Tally tally = open();
    assertThat(tally.sync().run(SyncEntity.UAPI).outcome()).isEqualTo(Outcome.COMPLETED);

    SyncReport garbage = tally.sync().run(SyncEntity.UAPI);
    SyncState afterGarbage = state(tally, SyncEntity.UAPI);
    SyncReport html = tally.sync().run(SyncEntity.UAPI);
    SyncState afterHtml = state(tally, SyncEntity.UAPI);

    assertThat(garbage.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(garbage.retries()).as("retrying does not mend a page").isZero();
    assertThat(garbage.error().orElseThrow())
        .startsWith("upstream answered an unreadable page for uapi at " + upstream.url("/uapi/changes"));
    assertThat(afterGarbage.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(afterGarbage.lastError()).isEqualTo(garbage.error());
    assertThat(afterGarbage.cursor()).contains("uapi-42");
    assertThat(html.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(afterHtml.lastError().orElseThrow()).contains("text/html");
    assertThat(tally.sync().entries(SyncEntity.UAPI, Optional.empty(), PageRequest.first(10)).items())
        .extracting(CatalogEntry::id, CatalogEntry::version)
        .containsExactly(tuple("ocr-v2", 12L));
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  // (e) refused credentials

  @Test
  void refusedCredentialsFailAtOnceNamingTheEntityAndTheUpstream() throws Exception {
    feeds.respond("/users/changes", new MockResponse.Builder().code(401).body("bad key " + UPSTREAM_KEY).build());
    Tally tally = open();

    SyncReport report = tally.sync().run(SyncEntity.USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.error().orElseThrow())
        .isEqualTo(
            "upstream refused the credentials for users (401) at "
                + upstream.url("/users/changes")
                + ": check sync.signer settings")
        .doesNotContain(UPSTREAM_KEY);
    SyncState state = state(tally, SyncEntity.USERS);
    assertThat(state.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(state.attempts()).isEqualTo(1);
    assertThat(state.lastError()).isEqualTo(report.error());
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  // (f) two servers, one entity

  @Test
  void twoTallysOnOneDatabaseNeverSyncTheSameEntityAtOnce() throws Exception {
    CountDownLatch gate = feeds.gate("/llmage/changes");
    feeds.page("/llmage/changes", LLMAGE_PAGE);
    String url = "jdbc:h2:file:" + data.resolve("shared") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    Tally first = open(Map.of("TALLY_DATABASE_URL", url));
    Tally second = open(Map.of("TALLY_DATABASE_URL", url));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<SyncReport> one = threads.submit(() -> awaitThenRun(go, first));
      Future<SyncReport> other = threads.submit(() -> awaitThenRun(go, second));
      go.countDown();

      // one of them is held by the upstream; the other answers busy without waiting for it
      RecordedRequest held = upstream.takeRequest(10, TimeUnit.SECONDS);
      assertThat(held).isNotNull();
      Future<SyncReport> answered = waitForEither(one, other);
      Future<SyncReport> holder = answered == one ? other : one;
      SyncReport busy = answered.get();
      assertThat(busy.outcome()).as(busy.toString()).isEqualTo(Outcome.BUSY);
      assertThat(busy.error().orElseThrow()).startsWith("llmage is being synced by ");
      assertThat(holder.isDone()).as("the other sync waits for the upstream").isFalse();
      assertThat(state(first, SyncEntity.LLMAGE).status()).isEqualTo(SyncStatus.RUNNING);
      gate.countDown();
      SyncReport completed = holder.get(10, TimeUnit.SECONDS);

      assertThat(completed.outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(completed.upserted()).isEqualTo(1);
      assertThat(upstream.getRequestCount()).isEqualTo(1);
      SyncState state = state(second, SyncEntity.LLMAGE);
      assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
      assertThat(state.leaseOwner()).isEmpty();
      assertThat(state.itemsSynced()).isEqualTo(1);
    } finally {
      gate.countDown();
      threads.shutdownNow();
    }
  }

  // (g) freshness in /health

  @Test
  void healthCallsAnEntityFreshAfterASyncAndStaleUntilItsFirst() throws Exception {
    feeds.page("/users/changes", USERS_PAGE_1);
    feeds.page("/users/changes", USERS_PAGE_2);
    feeds.page("/pricing/changes", PRICING_PAGE);
    feeds.page("/uapi/changes", UAPI_PAGE);
    CountDownLatch gate = feeds.gate("/llmage/changes");
    feeds.page("/llmage/changes", LLMAGE_PAGE);
    // scheduled this time (every 300 s by default): the scheduler pulls every entity at start
    Tally tally = Tally.open(config(Map.of()));
    opened.add(tally);

    awaitState(tally, SyncEntity.UAPI, state -> state.lastSuccessAt().isPresent());
    awaitState(tally, SyncEntity.LLMAGE, state -> state.status() == SyncStatus.RUNNING);
    TallyHealth whileLlmageRuns = tally.health();
    gate.countDown();
    awaitState(tally, SyncEntity.LLMAGE, state -> state.lastSuccessAt().isPresent());
    TallyHealth afterwards = tally.health();

    assertThat(whileLlmageRuns.databaseUp()).isTrue();
    assertThat(whileLlmageRuns.sync())
        .extracting(TallyHealth.Freshness::entity, TallyHealth.Freshness::stale)
        .containsExactly(
            tuple(SyncEntity.USERS, false),
            tuple(SyncEntity.PRICING, false),
            tuple(SyncEntity.UAPI, false),
            tuple(SyncEntity.LLMAGE, true));
    TallyHealth.Freshness llmage = whileLlmageRuns.sync().get(3);
    assertThat(llmage.status()).isEqualTo(SyncStatus.RUNNING);
    assertThat(llmage.lastSuccessAt()).isEmpty();
    assertThat(afterwards.sync()).noneMatch(TallyHealth.Freshness::stale);
    assertThat(afterwards.sync()).allSatisfy(entity -> assertThat(entity.status()).isEqualTo(SyncStatus.IDLE));
  }

  @Test
  void healthListsAnEntitySyncedOnlyOnDemandStaleUntilItsFirstSync() throws Exception {
    feeds.page("/uapi/changes", UAPI_PAGE);
    // every schedule off: each entity is synced only when asked
    Tally tally = open();

    TallyHealth before = tally.health();
    assertThat(tally.sync().run(SyncEntity.UAPI).outcome()).isEqualTo(Outcome.COMPLETED);
    TallyHealth after = tally.health();

    assertThat(before.databaseUp()).isTrue();
    assertThat(before.sync())
        .extracting(TallyHealth.Freshness::entity, TallyHealth.Freshness::onDemand, TallyHealth.Freshness::stale)
        .containsExactly(
            tuple(SyncEntity.USERS, true, true),
            tuple(SyncEntity.PRICING, true, true),
            tuple(SyncEntity.UAPI, true, true),
            tuple(SyncEntity.LLMAGE, true, true));
    TallyHealth.Freshness uapi = after.sync().get(2);
    assertThat(uapi.entity()).isEqualTo(SyncEntity.UAPI);
    assertThat(uapi.lastSuccessAt()).isPresent();
    assertThat(uapi.stale()).as("no interval to be late by once synced").isFalse();
    assertThat(after.sync().get(0).stale()).isTrue();
  }

  @Test
  void healthListsNoSyncWithoutAnUpstream() throws Exception {
    Tally tally = open(Map.of("TALLY_SYNC_BASE_URL", ""));

    assertThat(tally.health().databaseUp()).isTrue();
    assertThat(tally.health().sync()).isEmpty();
  }

  // the scripted upstream

  private static final String USERS_PAGE_1 =
      """
      {"items":[
        {"id":"u-1","version":3,"user_name":"Alice","org_id":"acme","email":"alice@acme.example"},
        {"id":"u-2","version":8,"name":"Bob Li","org_id":"globex"},
        {"id":"u-3","version":1,"name":"Carol","org_id":null}],
       "next":"users-0003","has_more":true}""";

  private static final String USERS_PAGE_2 =
      """
      {"items":[
        {"id":"u-4","version":2,"name":"Dan","org_id":"acme"},
        {"id":"u-5","version":1,"name":"Erin","org_id":"initech"},
        {"id":"u-2","deleted":true}],
       "next":"users-0006","has_more":false}""";

  private static final String PRICING_PAGE =
      "{\"items\":["
          + llmProgramme(1, "4", "16")
          + ","
          + """
            {"id":"pp-flat","version":1,"name":"Per call","currency":"CNY",
             "price_lists":[{"enabled_date":"2024-01-01","unit_values":{},
               "lines":[{"price_factors":["flat"],"unit_prices":["0.0100"],"unit":"次"}]}]}\
            """
          + "],\"next\":\"p-1\",\"has_more\":false}";

  private static final String UAPI_PAGE =
      """
      {"items":[
         {"id":"ocr-v2","version":12,"name":"OCR","endpoint":"/ocr/v2","qps":20},
         {"id":"tts-v1","deleted":true}],
       "next":"uapi-42","has_more":false}""";

  private static final String LLMAGE_PAGE =
      """
      {"items":[{"id":"MiniMax-M3","version":2,"name":"MiniMax M3","context":1000000,
                 "supplier":"minimax"}],
       "next":"m-9","has_more":false}""";

  /** Programme pp-e2e: prompt and completion tokens per million, 10% off. */
  private static String llmProgramme(long version, String prompt, String completion) {
    return """
        {"id":"pp-e2e","version":%d,"name":"LLM e2e","currency":"CNY","discount":"0.9",
         "price_lists":[{"enabled_date":"2024-01-01","expired_date":null,
           "unit_values":{"百万":1000000},
           "lines":[{"price_factors":["prompt_tokens","completion_tokens"],
                     "unit_prices":["%s","%s"],"unit":"百万","filters":{}}]}]}"""
        .formatted(version, prompt, completion);
  }

  private static String page(String items, String next, boolean hasMore) {
    return "{\"items\":[" + items + "],\"next\":\"" + next + "\",\"has_more\":" + hasMore + "}";
  }

  /**
   * Upstream feeds by path: each answers its scripted responses in order (404 when none is left),
   * optionally holding a request until its gate opens.
   */
  private static final class Feeds extends Dispatcher {
    private final Map<String, Queue<MockResponse>> responses = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    void page(String path, String json) {
      respond(
          path,
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json; charset=utf-8")
              .body(json)
              .build());
    }

    void respond(String path, MockResponse response) {
      responses.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(response);
    }

    /** Holds every request of {@code path} until the latch is counted down. */
    CountDownLatch gate(String path) {
      return gates.computeIfAbsent(path, p -> new CountDownLatch(1));
    }

    void releaseAll() {
      gates.values().forEach(CountDownLatch::countDown);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      String path = request.getUrl().encodedPath();
      CountDownLatch gate = gates.get(path);
      if (gate != null && !gate.await(20, TimeUnit.SECONDS)) {
        return new MockResponse.Builder().code(503).body("gate never opened").build();
      }
      MockResponse next = responses.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
      return next != null ? next : new MockResponse.Builder().code(404).body("no such feed").build();
    }

    @Override
    public void close() {
      releaseAll();
    }
  }

  // helpers

  private Tally open() {
    return open(Map.of());
  }

  /** Tally on its own H2 file, syncing from the scripted upstream only when asked. */
  private Tally open(Map<String, String> overrides) {
    Tally tally = Tally.open(config(overrides).withoutBackgroundWork());
    opened.add(tally);
    return tally;
  }

  private TallyConfig config(Map<String, String> overrides) {
    Map<String, String> environment = new HashMap<>();
    environment.put("TALLY_DATABASE_URL", "jdbc:h2:file:" + data.resolve("tally") + ";WRITE_DELAY=0");
    environment.put("TALLY_MAINTENANCE_INTERVAL_SECONDS", "0");
    environment.put("TALLY_SYNC_BASE_URL", upstream.url("/").toString());
    environment.put("TALLY_SYNC_SIGNER", "bearer");
    environment.put("TALLY_SYNC_API_KEY", UPSTREAM_KEY);
    environment.put("TALLY_SYNC_PAGE_SIZE", "3");
    environment.putAll(overrides);
    return ConfigLoader.load(Optional.empty(), environment);
  }

  private static String figures(SyncReport report) {
    return String.format(
        "sync %s: %d item%s (%d upserted, %d deleted), %d page%s, %d retr%s, %d ms",
        report.entity().code(),
        report.items(),
        report.items() == 1 ? "" : "s",
        report.upserted(),
        report.deleted(),
        report.pages(),
        report.pages() == 1 ? "" : "s",
        report.retries(),
        report.retries() == 1 ? "y" : "ies",
        report.elapsed().toMillis());
  }

  private List<RecordedRequest> takeRequests(int count) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = upstream.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("request %s of %s", i + 1, count).isNotNull();
      requests.add(request);
    }
    return requests;
  }

  private static SyncState state(Tally tally, SyncEntity entity) {
    return tally.sync().states().get(entity.ordinal());
  }

  private static void awaitState(Tally tally, SyncEntity entity, Predicate<SyncState> condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.test(state(tally, entity))) {
      assertThat(Instant.now()).as("waiting for %s: %s", entity, state(tally, entity)).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static SyncReport awaitThenRun(CountDownLatch go, Tally tally) throws InterruptedException {
    go.await();
    return tally.sync().run(SyncEntity.LLMAGE);
  }

  /** The first of the two to be done. */
  private static Future<SyncReport> waitForEither(Future<SyncReport> one, Future<SyncReport> other)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!one.isDone() && !other.isDone()) {
      assertThat(Instant.now()).as("neither sync answered").isBefore(deadline);
      Thread.sleep(10);
    }
    return one.isDone() ? one : other;
  }

  /** Chat: an LLM priced by programme pp-e2e, sold per use. */
  private static Product programmePricedProduct(Tally tally) {
    OrgId supplier = OrgId.of("supplier-minimax");
    tally.products().createSupplier(new CreateSupplier(supplier, "MiniMax"));
    Product chat =
        tally.products()
            .createProduct(new CreateProduct("Chat", OrgId.of("reseller"), "LLM chat", ProductStatus.PUBLISHED));
    ProductResource model =
        tally.products()
            .bind(
                new BindResource(
                    chat.id(), ResourceType.LLM, "MiniMax-M3", BillingMode.PAY_PER_USE, Unit.TOKEN,
                    Optional.empty(), Optional.of(PricingProgramId.of("pp-e2e")), Optional.empty()));
    tally.products().linkSupplier(new LinkSupplier(model.id(), supplier, UnitPrice.of("0.000004", CNY), 0));
    return chat;
  }

  /** acme's alice uses 1,200 prompt and 300 completion tokens; what she was charged. */
  private static Money use(Tally tally, Product product, String requestId) {
    return tally.metering()
        .use(
            UseCommand.builder(product.id(), UserId.of("alice"), OrgId.of("acme"))
                .used(Quantity.of(1500, Unit.TOKEN))
                .usage(Map.of("prompt_tokens", new BigDecimal(1200), "completion_tokens", new BigDecimal(300)))
                .sourceRef(SourceRef.of("chat_request", requestId))
                .build())
        .usage()
        .sellPrice();
  }
}
