package dev.tally.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.sync.SyncChange;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page and item rules that need no HTTP: what is accepted, and what each refusal says. */
class PageReaderTest {
  private final PageReader reader =
      new PageReader(() -> Instant.parse("2024-11-24T01:39:05.123456789Z"));

  private SyncPage read(SyncEntity entity, String json) {
    return reader.read(entity, json, Optional.empty());
  }

  private PricingProgram program(String item) {
    SyncPage page = read(SyncEntity.PRICING, "{\"items\":[" + item + "],\"has_more\":false}");
    return ((SyncChange.UpsertProgram) page.changes().get(0)).program();
  }

  private static String programWithLine(String line) {
    return "{\"id\":\"pp-1\",\"version\":1,\"name\":\"P\",\"price_lists\":[{\"enabled_date\":\"2024-01-01\","
               + "\"unit_values\":{\"百万\":1000000},\"lines\":["
        + line
        + "]}]}";
  }

  @Test
  void ordersUnitPricesGivenAsAnObjectByThePriceFactors() {
    PriceLine line =
        program(
                programWithLine(
                    "{\"price_factors\":[\"completion_tokens\",\"prompt_tokens\"],"
                        + "\"unit_prices\":{\"prompt_tokens\":\"0.8\",\"completion_tokens\":2},\"unit\":\"百万\"}"))
            .priceLists()
            .get(0)
            .lines()
            .get(0);

    assertThat(line.priceFactors()).containsExactly("completion_tokens", "prompt_tokens");
    assertThat(line.unitPrices()).containsExactly(new BigDecimal("2"), new BigDecimal("0.8"));
  }

  @Test
  void refusesUnitPricesThatNameOtherFactorsThanThePriceFactors() {
    assertThatThrownBy(
            () ->
                program(
                    programWithLine(
                        "{\"price_factors\":[\"prompt_tokens\"],"
                            + "\"unit_prices\":{\"prompt_tokens\":1,\"images\":2},\"unit\":\"百万\"}")))
        .isInstanceOf(UnreadablePageException.class)
        .hasMessage(
            "item 'pp-1': price_lists[0].lines[0].unit_prices names the factors [prompt_tokens,"
                + " images] but price_factors is [prompt_tokens]");
  }

  @Test
  void refusesAListOfPricesWithoutFactorsAndALineWithoutUnit() {
    assertThatThrownBy(() -> program(programWithLine("{\"unit_prices\":[1],\"unit\":\"百万\"}")))
        .hasMessageContaining("price_lists[0].lines[0].price_factors is missing");
    assertThatThrownBy(
            () ->
                program(
                    programWithLine("{\"price_factors\":[\"prompt_tokens\"],\"unit_prices\":[1]}")))
        .hasMessage("item 'pp-1': price_lists[0].lines[0].unit is missing");
  }

  @Test
  void refusesAsManyPricesAsFactorsOnlyWhenTheyMatch() {
    assertThatThrownBy(
            () ->
                program(
                    programWithLine(
                        "{\"price_factors\":[\"a\",\"b\"],\"unit_prices\":[1],\"unit\":\"百万\"}")))
        .hasMessageContaining("a price line has one unit price per factor: 2 factors, 1 prices");
  }

  @Test
  void refusesAProgrammeWithoutNameOrPriceListsOrWithABadCurrencyOrDate() {
    assertThatThrownBy(() -> program("{\"id\":\"pp-1\",\"version\":1,\"price_lists\":[]}"))
        .hasMessage("item 'pp-1': name is missing");
    assertThatThrownBy(() -> program("{\"id\":\"pp-1\",\"version\":1,\"name\":\"P\"}"))
        .hasMessage("item 'pp-1': price_lists is missing");
    assertThatThrownBy(
            () ->
                program(
                    "{\"id\":\"pp-1\",\"version\":1,\"name\":\"P\",\"currency\":\"yuan\",\"price_lists\":[]}"))
        .hasMessageStartingWith("item 'pp-1': currency code must be 3 to 8 capital letters");
    assertThatThrownBy(
            () ->
                program(
                    "{\"id\":\"pp-1\",\"version\":1,\"name\":\"P\",\"price_lists\":"
                        + "[{\"enabled_date\":\"01/02/2024\",\"lines\":[]}]}"))
        .hasMessage(
            "item 'pp-1': price_lists[0].enabled_date is not a date (yyyy-MM-dd): \"01/02/2024\"");
  }

  @Test
  void acceptsDateTimesAndAnEmptyExpiry() {
    PricingProgram program =
        program(
            "{\"id\":\"pp-1\",\"version\":1,\"name\":\"P\",\"price_lists\":[{\"enabled_date\":"
                + "\"2024-03-01T00:00:00+08:00\",\"expired_date\":\"\",\"lines\":[]}]}");

    assertThat(program.priceLists().get(0).enabledDate()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(program.priceLists().get(0).expiredDate()).isEmpty();
  }

  @Test
  void refusesItemsWithoutIdOrVersionOrWithAnIdOfOtherCharacters() {
    assertThatThrownBy(() -> read(SyncEntity.UAPI, "{\"items\":[{\"version\":1}]}"))
        .hasMessage("item #0: id is missing");
    assertThatThrownBy(() -> read(SyncEntity.UAPI, "{\"items\":[{\"id\":\"a\"}]}"))
        .hasMessage("item 'a': version is missing");
    assertThatThrownBy(() -> read(SyncEntity.UAPI, "{\"items\":[{\"id\":\"a\",\"version\":1.5}]}"))
        .hasMessage("item 'a': version is not a whole number: 1.5");
    assertThatThrownBy(() -> read(SyncEntity.UAPI, "{\"items\":[{\"id\":\"a b\",\"version\":1}]}"))
        .hasMessage("item 'a b': id holds characters other than letters, digits and _.:@-");
    assertThatThrownBy(
            () ->
                read(
                    SyncEntity.UAPI,
                    "{\"items\":[{\"id\":\"a\",\"version\":1,\"deleted\":\"yes\"}]}"))
        .hasMessage("item 'a': deleted is not true or false: \"yes\"");
  }

  @Test
  void refusesAnUnreadableOrgIdAndAnOverlongName() {
    assertThatThrownBy(
            () ->
                read(
                    SyncEntity.USERS,
                    "{\"items\":[{\"id\":\"u\",\"version\":1,\"org_id\":\"o o\"}]}"))
        .hasMessageStartingWith("item 'u': org id must be 1 to 32 letters");
    assertThatThrownBy(
            () ->
                read(
                    SyncEntity.LLMAGE,
                    "{\"items\":[{\"id\":\"m\",\"version\":1,\"name\":\""
                        + "n".repeat(256)
                        + "\"}]}"))
        .hasMessage("item 'm': name is longer than 255 characters");
  }

  @Test
  void acceptsNumericIdsAndCursors() {
    SyncPage page =
        read(
            SyncEntity.UAPI,
            "{\"items\":[{\"id\":42,\"version\":\"3\"}],\"next\":1001,\"has_more\":true}");

    assertThat(page.changes().get(0).id()).isEqualTo("42");
    assertThat(page.next()).contains("1001");
  }

  @Test
  void stampsEntriesWithTheClockAtMicroseconds() {
    SyncPage page = read(SyncEntity.UAPI, "{\"items\":[{\"id\":\"a\",\"version\":1}]}");

    assertThat(((SyncChange.Upsert) page.changes().get(0)).entry().cachedAt())
        .isEqualTo(Instant.parse("2024-11-24T01:39:05.123456Z"));
  }

  @Test
  void refusesAFeedThatDoesNotAdvance() {
    assertThatThrownBy(
            () ->
                reader.read(
                    SyncEntity.USERS,
                    "{\"items\":[],\"next\":\"c-1\",\"has_more\":true}",
                    Optional.of("c-1")))
        .hasMessageContaining("the feed would never end");
  }

  @Test
  void refusesDuplicateKeysTrailingTextAndOtherTopLevels() {
    assertThatThrownBy(() -> read(SyncEntity.USERS, "{\"items\":[],\"items\":[]}"))
        .hasMessageStartingWith("the body is not JSON (Duplicate field 'items'");
    assertThatThrownBy(() -> read(SyncEntity.USERS, "{\"items\":[]} trailing"))
        .hasMessageStartingWith("the body is not JSON");
    assertThatThrownBy(() -> read(SyncEntity.USERS, "[]"))
        .hasMessage("the body is not a JSON object: []");
    assertThatThrownBy(() -> read(SyncEntity.USERS, "")).hasMessage("the body is empty");
    assertThatThrownBy(() -> read(SyncEntity.USERS, "{\"items\":[],\"has_more\":\"no\"}"))
        .hasMessage("\"has_more\" is not true or false: \"no\"");
  }

  @Test
  void keepsEveryDigitOfAPriceGivenAsANumber() {
    PriceLine line =
        program(
                programWithLine(
                    "{\"price_factors\":[\"prompt_tokens\"],"
                        + "\"unit_prices\":[0.30000000000000000000000001],\"unit\":\"百万\"}"))
            .priceLists()
            .get(0)
            .lines()
            .get(0);

    assertThat(line.unitPrices()).containsExactly(new BigDecimal("0.30000000000000000000000001"));
    assertThat(List.of(line.unitPrices().get(0).toPlainString()))
        .containsExactly("0.30000000000000000000000001");
  }
}
