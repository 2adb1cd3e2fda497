package dev.tally.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncChange;
import dev.tally.core.sync.SyncEntity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The platform's own shapes, read as the platform stores them: a dated price list as a YAML
 * document ({@code pricing_data}) with scalars or lists, filters as one-key maps typed by YAML and
 * ranges; a user with {@code username} and {@code orgid}.
 */
class PlatformShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A MiniMax-like LLM list with a long-prompt tier, an audio surcharge and a video line. */
  private static final String LLM_YAML =
      """
      unit_values:
        百万: 1000000
        秒: 1
      fields:
        - {name: prompt_tokens, type: int, role: factor, label: 输入}
        - {name: completion_tokens, type: int, role: factor, label: 输出}
        - {name: audio, type: bool, role: filter, label: 音频}
      pricings:
        - price_factors: [prompt_tokens, completion_tokens]
          unit_prices: [2.1, 8.4]
          unit: 百万
          filters:
            - model: MiniMax-M3
            - prompt_tokens: {lte: 512000}
        - price_factors: [prompt_tokens, completion_tokens]
          unit_prices: [4.2, 16.8]
          unit: 百万
          filters:
            - model: MiniMax-M3
            - prompt_tokens: {gt: 512000}
        - price_factors: prompt_tokens_details.audio_tokens
          unit_prices: 14
          unit: 百万
          filters:
            - audio: true
        - price_factors: flat
          unit_prices: 0.50
          unit: 秒
          filters:
            - SR: 1080
            - audio: false
      """;

  private final PageReader reader =
      new PageReader(() -> Instant.parse("2024-11-24T01:39:05.123456789Z"));

  private PricingProgram program(String priceList) {
    String page =
        "{\"items\":[{\"id\":\"pp-1\",\"version\":1,\"name\":\"P\",\"price_lists\":["
            + priceList
            + "]}],\"has_more\":false}";
    SyncChange change = reader.read(SyncEntity.PRICING, page, Optional.empty()).changes().get(0);
    return ((SyncChange.UpsertProgram) change).program();
  }

  private static String yamlList(String yaml) throws Exception {
    return "{\"enabled_date\":\"2026-01-01\",\"expired_date\":null,\"pricing_data\":"
        + JSON.writeValueAsString(yaml)
        + "}";
  }

  @Test
  void readsAStoredYamlPriceListAsThePlatformWritesIt() throws Exception {
    PriceList list = program(yamlList(LLM_YAML)).priceLists().get(0);

    assertThat(list.enabledDate()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(list.unitValues()).containsOnlyKeys("百万", "秒");
    assertThat(list.unitValues().get("百万")).isEqualByComparingTo("1000000");
    assertThat(list.unitValues().get("秒")).isEqualByComparingTo("1");
    assertThat(list.lines())
        .containsExactly(
            new PriceLine(
                List.of("prompt_tokens", "completion_tokens"),
                List.of(new BigDecimal("2.1"), new BigDecimal("8.4")),
                "百万",
                List.of(
                    new PriceFilter.Equals("model", "MiniMax-M3"),
                    new PriceFilter.Range(
                        "prompt_tokens", Map.of(PriceFilter.Bound.LTE, new BigDecimal("512000"))))),
            new PriceLine(
                List.of("prompt_tokens", "completion_tokens"),
                List.of(new BigDecimal("4.2"), new BigDecimal("16.8")),
                "百万",
                List.of(
                    new PriceFilter.Equals("model", "MiniMax-M3"),
                    new PriceFilter.Range(
                        "prompt_tokens", Map.of(PriceFilter.Bound.GT, new BigDecimal("512000"))))),
            new PriceLine(
                List.of("prompt_tokens_details.audio_tokens"),
                List.of(new BigDecimal("14")),
                "百万",
                List.of(new PriceFilter.Equals("audio", "true"))),
            new PriceLine(
                List.of(PriceLine.FLAT),
                List.of(new BigDecimal("0.5")),
                "秒",
                List.of(
                    new PriceFilter.Equals("SR", "1080"),
                    new PriceFilter.Equals("audio", "false"))));
  }

  @Test
  void pricesWhatItReadsTheWayThePlatformDoes() throws Exception {
    PricingProgram program = program(yamlList(LLM_YAML));
    LocalDate day = LocalDate.of(2026, 3, 1);

    // a 15-prompt, 3-completion token call: 0.0000567, charged 0.000057
    assertThat(
            program
                .quote(
                    Map.of("prompt_tokens", new BigDecimal("15"), "completion_tokens", new BigDecimal("3")),
                    Map.of("model", "MiniMax-M3"),
                    day)
                .total()
                .amount()
                .toPlainString())
        .isEqualTo("0.000057");
    // 12 seconds of 1080p video without audio, the attributes typed as the platform sends them
    assertThat(
            program
                .quote(Map.of(), Map.of("SR", "1080", "audio", "False"), Optional.of(new BigDecimal("12")), day)
                .total()
                .amount()
                .toPlainString())
        .isEqualTo("6.000000");
  }

  @Test
  void readsTallysJsonShapeOfTheSameListIntoTheSameLines() throws Exception {
    String json =
        """
        {"enabled_date": "2026-01-01", "expired_date": null,
         "unit_values": {"百万": 1000000, "秒": "1"},
         "lines": [
           {"price_factors": ["prompt_tokens", "completion_tokens"], "unit_prices": ["2.1", "8.4"],
            "unit": "百万", "filters": [{"model": "MiniMax-M3"}, {"prompt_tokens": {"lte": 512000}}]},
           {"unit_prices": {"prompt_tokens": 4.2, "completion_tokens": 16.8}, "unit": "百万",
            "filters": [{"model": "MiniMax-M3"}, {"prompt_tokens": {"gt": "512000"}}]},
           {"price_factors": ["prompt_tokens_details.audio_tokens"], "unit_prices": [14],
            "unit": "百万", "filters": [{"audio": true}]},
           {"price_factors": ["flat"], "unit_prices": ["0.50"], "unit": "秒",
            "filters": {"SR": 1080, "audio": false}}]}""";

    assertThat(program(json).priceLists()).isEqualTo(program(yamlList(LLM_YAML)).priceLists());
  }

  /** docs/domain.md, Example 4's list as the platform stores it, and Example 5's as JSON. */
  @Test
  void readsTheDomainExamplesListAlikeInBothShapes() throws Exception {
    String stored =
        "{\"enabled_date\":\"2024-01-01\",\"expired_date\":null,\"pricing_data\":"
            + JSON.writeValueAsString(documented("example-4-list", "```yaml"))
            + "}";

    PriceList fromJson = program(documented("example-5-list", "```json")).priceLists().get(0);

    assertThat(fromJson).isEqualTo(program(stored).priceLists().get(0));
    assertThat(fromJson.lines()).hasSize(4);
    assertThat(fromJson.lines().get(3).filters())
        .containsExactly(
            new PriceFilter.Equals("model", "speech-2"), new PriceFilter.Equals("SR", "24000"));
  }

  /** The code block between the markers {@code <!-- name:start -->} and {@code :end} of the doc. */
  private static String documented(String name, String fence) throws IOException {
    String doc = Files.readString(Path.of("../docs/domain.md"));
    String block =
        doc.substring(doc.indexOf("<!-- " + name + ":start -->"), doc.indexOf("<!-- " + name + ":end -->"));
    return block.substring(block.indexOf(fence) + fence.length(), block.lastIndexOf("```"));
  }

  @Test
  void readsPricingDataGivenAsAnObjectAndAFilterObjectOfTheJsonShape() {
    PriceList list =
        program(
                """
                {"enabled_date":"2026-01-01","pricing_data":{
                  "unit_values":{"万字符":10000},
                  "pricings":[{"price_factors":"flat","unit_prices":"3.5","unit":"万字符",
                               "filters":{"voice":"female","sample_rate":24000}}]}}""")
            .priceLists()
            .get(0);

    assertThat(list.lines().get(0).filters())
        .containsExactly(
            new PriceFilter.Equals("voice", "female"), new PriceFilter.Equals("sample_rate", "24000"));
    assertThat(list.lines().get(0).unitPrices()).containsExactly(new BigDecimal("3.5"));
  }

  @Test
  void givesOnePriceToEachFactorItNames() throws Exception {
    PriceLine line =
        program(
                yamlList(
                    """
                    unit_values: {百万: 1000000}
                    pricings:
                      - {price_factors: [prompt_tokens, completion_tokens], unit_prices: 1.5, unit: 百万}
                    """))
            .priceLists()
            .get(0)
            .lines()
            .get(0);

    assertThat(line.unitPrices()).containsExactly(new BigDecimal("1.5"), new BigDecimal("1.5"));
  }

  @Test
  void namesWhatIsWrongInAStoredList() throws Exception {
    assertThatThrownBy(() -> program(yamlList("unit_values: {百万: 1000000}\npricings: [")))
        .isInstanceOf(UnreadablePageException.class)
        .hasMessageStartingWith(
            "item 'pp-1': price_lists[0].pricing_data is not a readable YAML document");
    assertThatThrownBy(() -> program(yamlList("unit_values: {百万: 1000000}\n")))
        .hasMessage("item 'pp-1': price_lists[0].pricing_data.pricings (or lines) is missing");
    assertThatThrownBy(
            () ->
                program(
                    yamlList(
                        "pricings:\n  - {price_factors: flat, unit_prices: 1, filters: [{a: 1, b: 2}]}\n")))
        .hasMessageStartingWith(
            "item 'pp-1': price_lists[0].pricing_data.pricings[0].filters[0] is not a map of one"
                + " name to its value");
    assertThatThrownBy(
            () ->
                program(
                    yamlList(
                        "pricings:\n  - {price_factors: flat, unit_prices: 1,"
                            + " filters: [{prompt_tokens: {between: 5}}]}\n")))
        .hasMessage(
            "item 'pp-1': price_lists[0].pricing_data.pricings[0].filters[0].prompt_tokens: a range"
                + " filter compares with gt, gte, lt or lte, not 'between'");
    assertThatThrownBy(
            () ->
                program(
                    yamlList(
                        "pricings:\n  - {price_factors: flat, unit_prices: 1, filters: [{model: [a, b]}]}\n")))
        .hasMessageContaining("filters[0].model is not a string, number, boolean or range");
    assertThatThrownBy(() -> program("{\"enabled_date\":\"2026-01-01\",\"pricing_data\":7}"))
        .hasMessageContaining("pricing_data is neither a YAML document nor an object");
  }

  @Test
  void mapsAUserWithThePlatformsFieldNames() {
    SyncChange change =
        reader
            .read(
                SyncEntity.USERS,
                "{\"items\":[{\"id\":\"u-1\",\"version\":3,\"username\":\"alice\",\"orgid\":\"acme\","
                    + "\"email\":\"alice@acme.example\"}],\"has_more\":false}",
                Optional.empty())
            .changes()
            .get(0);

    CatalogEntry alice = ((SyncChange.Upsert) change).entry();
    assertThat(alice.name()).contains("alice");
    assertThat(alice.orgId()).contains(OrgId.of("acme"));
    assertThat(alice.json()).contains("\"orgid\":\"acme\"");
  }
}
