package dev.tally.sync;

import static dev.tally.sync.Upstream.NOW;
import static dev.tally.sync.Upstream.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncChange;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamPagingTest {
  private final MockWebServer server = new MockWebServer();
  private UpstreamGateway gateway;

  @BeforeEach
  void startUpstream() throws Exception {
    server.start();
    gateway = Upstream.gateway(server);
  }

  @AfterEach
  void stopUpstream() {
    server.close();
  }

  @Test
  void pullsEveryPageFollowingTheCursorAndAsksTheFirstWithoutSince() throws Exception {
    server.enqueue(
        page(
            """
            {"items":[{"id":"m-1","version":1,"name":"MiniMax-M3"},{"id":"m-2","version":1,"name":"Qwen-4"}],
             "next":"c-2","has_more":true}\
            """));
    server.enqueue(
        page(
            """
            {"items":[{"id":"m-3","version":4,"name":"GLM-5"}],"next":"c-3","has_more":true}\
            """));
    server.enqueue(page("{\"items\":[],\"next\":\"c-3b\",\"has_more\":false}"));

    List<String> ids = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    SyncPage current;
    do {
      current = gateway.fetch(SyncEntity.LLMAGE, cursor, 2);
      current.changes().forEach(change -> ids.add(change.id()));
      cursor = current.next();
      pages++;
    } while (current.hasMore());

    assertThat(ids).containsExactly("m-1", "m-2", "m-3");
    assertThat(pages).isEqualTo(3);
    assertThat(cursor).contains("c-3b");
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    RecordedRequest third = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getTarget()).isEqualTo("/llmage/changes?limit=2");
    assertThat(first.getUrl().queryParameter("since")).isNull();
    assertThat(second.getTarget()).isEqualTo("/llmage/changes?since=c-2&limit=2");
    assertThat(third.getUrl().encodedPath()).isEqualTo("/llmage/changes");
    assertThat(third.getUrl().queryParameter("since")).isEqualTo("c-3");
    assertThat(third.getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(first.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void encodesACursorThatIsNotUrlSafe() throws Exception {
    server.enqueue(Upstream.emptyPage());

    gateway.fetch(SyncEntity.UAPI, Optional.of("a+b/c=&d"), 50);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().queryParameter("since")).isEqualTo("a+b/c=&d");
    assertThat(request.getTarget()).isEqualTo("/uapi/changes?since=a%2Bb%2Fc%3D%26d&limit=50");
  }

  @Test
  void readsDeletedItemsAsTombstones() {
    server.enqueue(
        page(
            """
            {"items":[
              {"id":"u-1","version":5,"deleted":true},
              {"id":"u-2","deleted":true},
              {"id":"u-3","version":2,"deleted":false,"name":"Bob"}],
             "next":"c-9","has_more":false}\
            """));

    SyncPage page = gateway.fetch(SyncEntity.USERS, Optional.of("c-8"), 100);

    assertThat(page.changes().get(0)).isEqualTo(new SyncChange.Tombstone("u-1"));
    assertThat(page.changes().get(1)).isEqualTo(new SyncChange.Tombstone("u-2"));
    assertThat(page.changes().get(2)).isInstanceOf(SyncChange.Upsert.class);
    assertThat(page.next()).contains("c-9");
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void mapsAUserWithItsOrgAndKeepsTheItemAsItCame() {
    String item =
        "{\"id\":\"u-1\",\"version\":3,\"user_name\":\"Alice\",\"org_id\":\"org-1\","
            + "\"email\":\"alice@example.com\",\"credit\":12.50,\"tags\":[\"vip\"]}";
    server.enqueue(page("{\"items\":[" + item + "],\"next\":\"c-1\",\"has_more\":false}"));

    SyncPage page = gateway.fetch(SyncEntity.USERS, Optional.empty(), 100);

    assertThat(page.changes())
        .containsExactly(
            new SyncChange.Upsert(
                new CatalogEntry(
                    SyncEntity.USERS,
                    "u-1",
                    3,
                    Optional.of("Alice"),
                    Optional.of(OrgId.of("org-1")),
                    item,
                    NOW)));
  }

  @Test
  void prefersNameToUserNameAndLeavesAUserWithoutOrgOrName() {
    server.enqueue(
        page(
            """
            {"items":[{"id":"u-1","version":1,"name":"Alice L.","user_name":"alice"},
                      {"id":"u-2","version":1,"org_id":null}],
             "next":"c-1","has_more":false}\
            """));

    List<SyncChange> changes = gateway.fetch(SyncEntity.USERS, Optional.empty(), 10).changes();

    CatalogEntry named = ((SyncChange.Upsert) changes.get(0)).entry();
    CatalogEntry bare = ((SyncChange.Upsert) changes.get(1)).entry();
    assertThat(named.name()).contains("Alice L.");
    assertThat(bare.name()).isEmpty();
    assertThat(bare.orgId()).isEmpty();
  }

  @Test
  void mapsUpstreamApisAndLlmModelsByName() {
    String api =
        "{\"id\":\"ocr-v2\",\"version\":12,\"name\":\"OCR\",\"org_id\":\"org-9\",\"qps\":20}";
    String model =
        "{\"id\":\"MiniMax-M3\",\"version\":2,\"name\":\"MiniMax M3\",\"context\":1000000}";
    server.enqueue(page("{\"items\":[" + api + "],\"next\":\"a\",\"has_more\":false}"));
    server.enqueue(page("{\"items\":[" + model + "],\"next\":\"b\",\"has_more\":false}"));

    SyncPage apis = gateway.fetch(SyncEntity.UAPI, Optional.empty(), 10);
    SyncPage models = gateway.fetch(SyncEntity.LLMAGE, Optional.empty(), 10);

    assertThat(apis.changes())
        .containsExactly(
            new SyncChange.Upsert(
                new CatalogEntry(
                    SyncEntity.UAPI,
                    "ocr-v2",
                    12,
                    Optional.of("OCR"),
                    Optional.empty(),
                    api,
                    NOW)));
    assertThat(models.changes())
        .containsExactly(
            new SyncChange.Upsert(
                new CatalogEntry(
                    SyncEntity.LLMAGE,
                    "MiniMax-M3",
                    2,
                    Optional.of("MiniMax M3"),
                    Optional.empty(),
                    model,
                    NOW)));
  }

  @Test
  void mapsAFullPricingProgrammeWithExactDecimals() throws Exception {
    server.enqueue(
        page(
            """
            {"items":[{
               "id":"pp-llm-01","version":7,"name":"LLM standard","currency":"CNY","discount":"0.85",
               "price_lists":[
                 {"enabled_date":"2024-01-01","expired_date":"2025-01-01",
                  "unit_values":{"百万":1000000,"万字符":"10000"},
                  "lines":[
                    {"price_factors":["prompt_tokens","completion_tokens"],
                     "unit_prices":[0.80,"2.00000001"],"unit":"百万","filters":{"model":"MiniMax-M3"}},
                    {"unit_prices":{"characters":1.0000000000000000001},"unit":"万字符","filters":{}},
                    {"price_factors":["flat"],"unit_prices":["0.0100"],"unit":"次"}]},
                 {"enabled_date":"2025-01-01 00:00:00","expired_date":null,
                  "unit_values":{"百万":"1e6"},
                  "lines":[
                    {"price_factors":["prompt_tokens"],"unit_prices":{"prompt_tokens":0.7},
                     "unit":"百万","filters":{"resolution":1080,"stream":true}}]}]}],
             "next":"p-7","has_more":false}\
            """));

    SyncPage page = gateway.fetch(SyncEntity.PRICING, Optional.empty(), 20);

    PricingProgram expected =
        new PricingProgram(
            PricingProgramId.of("pp-llm-01"),
            "LLM standard",
            Currency.CNY,
            new BigDecimal("0.85"),
            List.of(
                new PriceList(
                    LocalDate.of(2024, 1, 1),
                    Optional.of(LocalDate.of(2025, 1, 1)),
                    Map.of("百万", new BigDecimal("1000000"), "万字符", new BigDecimal("10000")),
                    List.of(
                        new PriceLine(
                            List.of("prompt_tokens", "completion_tokens"),
                            List.of(new BigDecimal("0.8"), new BigDecimal("2.00000001")),
                            "百万",
                            List.of(new PriceFilter.Equals("model", "MiniMax-M3"))),
                        new PriceLine(
                            List.of("characters"),
                            List.of(new BigDecimal("1.0000000000000000001")),
                            "万字符",
                            List.of()),
                        new PriceLine(
                            List.of(PriceLine.FLAT),
                            List.of(new BigDecimal("0.01")),
                            "次",
                            List.of()))),
                new PriceList(
                    LocalDate.of(2025, 1, 1),
                    Optional.empty(),
                    Map.of("百万", new BigDecimal("1000000")),
                    List.of(
                        new PriceLine(
                            List.of("prompt_tokens"),
                            List.of(new BigDecimal("0.7")),
                            "百万",
                            List.of(
                                new PriceFilter.Equals("resolution", "1080"),
                                new PriceFilter.Equals("stream", "true")))))),
            7);
    assertThat(page.changes()).containsExactly(new SyncChange.UpsertProgram(expected));
    PricingProgram program = ((SyncChange.UpsertProgram) page.changes().get(0)).program();
    assertThat(program.priceLists().get(0).lines().get(1).unitPrices().get(0).toPlainString())
        .isEqualTo("1.0000000000000000001");
    assertThat(
            program
                .quote(
                    Map.of(
                        "prompt_tokens", new BigDecimal("1200"),
                        "completion_tokens", new BigDecimal("300")),
                    Map.of("model", "MiniMax-M3"),
                    LocalDate.of(2024, 6, 1))
                .exactTotal())
        // (1200 x 0.8 + 300 x 2.00000001) / 1e6 + flat 0.01, times 0.85
        .isEqualByComparingTo("0.00982600000255");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/pricing/changes?limit=20");
  }

  @Test
  void defaultsAProgrammeToCnyWithoutDiscount() {
    server.enqueue(
        page(
            """
            {"items":[{"id":"pp-2","version":1,"program_name":"Flat calls","price_lists":[
               {"enabled_date":"2024-01-01","unit_values":{},
                "lines":[{"price_factors":["flat"],"unit_prices":[0.05]}]}]}],
             "next":"p-1","has_more":false}\
            """));

    PricingProgram program =
        ((SyncChange.UpsertProgram)
                gateway.fetch(SyncEntity.PRICING, Optional.empty(), 20).changes().get(0))
            .program();

    assertThat(program.name()).isEqualTo("Flat calls");
    assertThat(program.currency()).isEqualTo(Currency.CNY);
    assertThat(program.discount()).isEqualByComparingTo("1");
    assertThat(program.priceLists().get(0).lines().get(0).unit()).isEmpty();
  }

  @Test
  void followsTheConfiguredPathUnderABaseWithAPrefix() throws Exception {
    UpstreamGateway prefixed =
        Upstream.gateway(
            UpstreamConfig.of(server.url("/platform/v2/"))
                .withPath(SyncEntity.PRICING, "/billing/programs/feed"));
    server.enqueue(Upstream.emptyPage());
    server.enqueue(Upstream.emptyPage());

    prefixed.fetch(SyncEntity.PRICING, Optional.of("p-1"), 5);
    prefixed.fetch(SyncEntity.USERS, Optional.empty(), 5);

    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/platform/v2/billing/programs/feed?since=p-1&limit=5");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/platform/v2/users/changes?limit=5");
  }
}
