package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.testing.Samples;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PricingApiTest {
  private static final String PROGRAMS = "/api/v1/pricing/programs";
  private static final String QUOTE = "/api/v1/pricing/quote";
  private static final String GPT_USE =
      "{\"program_id\": \"prog-1\", \"usage\": {\"input_tokens\": 1000000, \"output_tokens\":"
          + " \"500000\"}, \"attributes\": {\"model\": \"gpt-4o\"}";

  @RegisterExtension final ApiServer api = new ApiServer();

  @BeforeEach
  void programmes() {
    api.core().pricing().save(Samples.pricingProgram("prog-1"));
    api.core().pricing().save(Samples.pricingProgram("prog-2"));
  }

  @Test
  void listsProgrammesToAnyRole() {
    Reply reply = api.asCustomer().get(PROGRAMS + "?page_size=1");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("total").asLong()).isEqualTo(2);
    assertThat(reply.json().path("page_size").asInt()).isEqualTo(1);
    assertThat(reply.json().path("items")).hasSize(1);
    assertThat(api.asService().get(PROGRAMS).json().path("items")).hasSize(2);
    assertThat(api.asAdmin().get(PROGRAMS).status()).isEqualTo(200);
  }

  @Test
  void showsAProgrammeWithEveryDatedPriceList() {
    Reply reply = api.asCustomer().get(PROGRAMS + "/prog-1");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode program = reply.json();
    assertThat(program.path("id").asText()).isEqualTo("prog-1");
    assertThat(program.path("name").asText()).isEqualTo("Programme prog-1");
    assertThat(program.path("currency").asText()).isEqualTo("CNY");
    assertThat(program.path("discount").asText()).isEqualTo("0.8");
    assertThat(program.path("version").asLong()).isEqualTo(3);
    JsonNode lists = program.path("price_lists");
    assertThat(lists).hasSize(2);
    JsonNode january = lists.get(0);
    assertThat(january.path("enabled_date").asText()).isEqualTo("2026-01-01");
    assertThat(january.path("expired_date").asText()).isEqualTo("2026-07-01");
    assertThat(january.path("unit_values").path("百万").asText()).isEqualTo("1000000");
    JsonNode tokens = january.path("lines").get(0);
    assertThat(tokens.path("price_factors").get(0).asText()).isEqualTo("input_tokens");
    assertThat(tokens.path("price_factors").get(1).asText()).isEqualTo("output_tokens");
    assertThat(tokens.path("unit_prices").get(0).asText()).isEqualTo("2.5");
    assertThat(tokens.path("unit_prices").get(1).asText()).isEqualTo("10");
    assertThat(tokens.path("unit").asText()).isEqualTo("百万");
    assertThat(tokens.path("filters")).hasSize(1);
    assertThat(tokens.path("filters").get(0).path("model").asText()).isEqualTo("gpt-4o");
    assertThat(january.path("lines").get(1).path("price_factors").get(0).asText())
        .isEqualTo("flat");
    JsonNode july = lists.get(1);
    assertThat(july.path("expired_date").isNull()).isTrue();
    // filters as the platform lists them: one-key maps, a range as {lte: ...}
    assertThat(july.path("lines").get(0).path("filters").toString())
        .isEqualTo("[{\"model\":\"gpt-4o\"},{\"input_tokens\":{\"lte\":\"2000000\"}}]");
  }

  @Test
  void quotesAUsageLineByLine() {
    Reply reply = api.asCustomer().post(QUOTE, GPT_USE + ", \"date\": \"2026-03-01\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode quote = reply.json();
    assertThat(quote.path("program_id").asText()).isEqualTo("prog-1");
    assertThat(quote.path("price_list_date").asText()).isEqualTo("2026-01-01");
    JsonNode lines = quote.path("lines");
    assertThat(lines).hasSize(3);
    JsonNode input = lines.get(0);
    assertThat(input.path("factor").asText()).isEqualTo("input_tokens");
    assertThat(input.path("usage").asText()).isEqualTo("1000000");
    assertThat(input.path("unit").asText()).isEqualTo("百万");
    assertThat(input.path("divisor").asText()).isEqualTo("1000000");
    assertThat(input.path("unit_price").asText()).isEqualTo("2.5");
    assertThat(input.path("amount").asText()).isEqualTo("2.5");
    assertThat(input.path("filters").get(0).path("model").asText()).isEqualTo("gpt-4o");
    assertThat(lines.get(1).path("amount").asText()).isEqualTo("5");
    assertThat(lines.get(2).path("factor").asText()).isEqualTo("flat");
    assertThat(lines.get(2).path("amount").asText()).isEqualTo("0.01");
    assertThat(quote.path("subtotal").asText()).isEqualTo("7.51");
    assertThat(quote.path("discount").asText()).isEqualTo("0.8");
    assertThat(quote.path("customer_discount").asText()).isEqualTo("1");
    assertThat(quote.path("exact_total").asText()).isEqualTo("6.008");
    assertThat(quote.path("total").asText()).isEqualTo("6.008000");
    assertThat(quote.path("currency").asText()).isEqualTo("CNY");
  }

  /**
   * A list as the platform writes it: a tier above 512K prompt tokens, typed filters, a nested
   * count, and a per-10,000-character line.
   */
  private static PricingProgram platformShaped() {
    PriceFilter.Equals minimax = new PriceFilter.Equals("model", "MiniMax-M3");
    return new PricingProgram(
        PricingProgramId.of("prog-p"),
        "Platform shaped",
        Currency.CNY,
        new BigDecimal("0.9"),
        List.of(
            new PriceList(
                LocalDate.of(2026, 1, 1),
                Optional.empty(),
                Map.of("百万", new BigDecimal("1000000"), "万字符", new BigDecimal("10000")),
                List.of(
                    new PriceLine(
                        List.of("prompt_tokens", "completion_tokens"),
                        List.of(new BigDecimal("2.1"), new BigDecimal("8.4")),
                        "百万",
                        List.of(
                            minimax,
                            new PriceFilter.Range(
                                "prompt_tokens",
                                Map.of(PriceFilter.Bound.LTE, new BigDecimal("512000"))))),
                    new PriceLine(
                        List.of("prompt_tokens", "completion_tokens"),
                        List.of(new BigDecimal("4.2"), new BigDecimal("16.8")),
                        "百万",
                        List.of(
                            minimax,
                            new PriceFilter.Range(
                                "prompt_tokens",
                                Map.of(PriceFilter.Bound.GT, new BigDecimal("512000"))))),
                    new PriceLine(
                        List.of("prompt_tokens_details.audio_tokens"),
                        List.of(new BigDecimal("14")),
                        "百万",
                        List.of(minimax, new PriceFilter.Equals("audio", "true"))),
                    new PriceLine(
                        List.of(PriceLine.FLAT),
                        List.of(new BigDecimal("3.5")),
                        "万字符",
                        List.of(new PriceFilter.Equals("model", "tts-1")))))),
        1);
  }

  @Test
  void quotesARawNestedUsageWithTypedAttributesAndTheCustomersDiscount() {
    api.core().pricing().save(platformShaped());
    api.asAdmin().put("/api/v1/discounts/reseller-1/acme", "{\"discount\": \"0.95\"}");

    Reply reply =
        api.asCustomer()
            .post(
                QUOTE,
                """
                {"program_id": "prog-p", "date": "2026-03-01",
                 "usage": {"prompt_tokens": 600000, "completion_tokens": 1000, "total_tokens": 601000,
                           "prompt_tokens_details": {"audio_tokens": 2000, "cached_tokens": 0},
                           "service_tier": "default"},
                 "attributes": {"model": "MiniMax-M3", "audio": "True", "SR": 1080},
                 "reseller_org_id": "reseller-1", "user_org_id": "acme"}""");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode quote = reply.json();
    // the tier above 512K: 600000 / 1e6 x 4.2 + 1000 / 1e6 x 16.8 = 2.52 + 0.0168,
    // and 2000 audio tokens / 1e6 x 14 = 0.028
    assertThat(quote.path("lines")).hasSize(3);
    assertThat(quote.path("lines").get(0).path("unit_price").asText()).isEqualTo("4.2");
    assertThat(quote.path("lines").get(0).path("filters").get(1).path("prompt_tokens").path("gt").asText())
        .isEqualTo("512000");
    assertThat(quote.path("lines").get(2).path("factor").asText())
        .isEqualTo("prompt_tokens_details.audio_tokens");
    assertThat(quote.path("subtotal").asText()).isEqualTo("2.5648");
    assertThat(quote.path("discount").asText()).isEqualTo("0.9");
    assertThat(quote.path("customer_discount").asText()).isEqualTo("0.95");
    // 2.5648 x 0.9 x 0.95 = 2.192904
    assertThat(quote.path("exact_total").asText()).isEqualTo("2.1929040");
    assertThat(quote.path("total").asText()).isEqualTo("2.192904");
  }

  @Test
  void quotesAPerTenThousandCharacterLineWithTheQuantityGiven() {
    api.core().pricing().save(platformShaped());
    String tts =
        "{\"program_id\": \"prog-p\", \"date\": \"2026-03-01\", \"attributes\": {\"model\": \"tts-1\"}";

    Reply quoted = api.asService().post(QUOTE, tts + ", \"used_amount\": \"2345\"}");
    Reply withoutQuantity = api.asService().post(QUOTE, tts + "}");

    // 2345 / 10000 x 3.5 = 0.82075, x 0.9
    assertThat(quoted.status()).as(quoted.toString()).isEqualTo(200);
    assertThat(quoted.json().path("lines").get(0).path("usage").asText()).isEqualTo("2345");
    assertThat(quoted.json().path("lines").get(0).path("divisor").asText()).isEqualTo("10000");
    assertThat(quoted.json().path("total").asText()).isEqualTo("0.738675");
    assertThat(withoutQuantity.status()).isEqualTo(400);
    assertThat(withoutQuantity.body()).contains("quantity");
  }

  @Test
  void letsACustomerQuoteOnlyWithItsOwnDiscount() {
    Reply other =
        api.asCustomer()
            .post(
                QUOTE,
                GPT_USE + ", \"reseller_org_id\": \"reseller-1\", \"user_org_id\": \"globex\"}");

    assertThat(other.status()).isEqualTo(403);
    assertThat(other.code()).isEqualTo("forbidden");
  }

  @Test
  void quotesWithTheListValidTodayWhenNoDateIsGiven() {
    Reply reply = api.asService().post(QUOTE, GPT_USE + "}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("price_list_date").asText()).isEqualTo("2026-01-01");
    Reply july = api.asService().post(QUOTE, GPT_USE + ", \"date\": \"2026-08-01\"}");
    assertThat(july.json().path("price_list_date").asText()).isEqualTo("2026-07-01");
    assertThat(july.json().path("lines")).hasSize(2);
  }

  @Test
  void answers422WhenNothingPricesTheUsage() {
    Reply noLine =
        api.asService()
            .post(
                QUOTE,
                "{\"program_id\": \"prog-1\", \"usage\": {\"input_tokens\": 1},"
                    + " \"attributes\": {\"model\": \"other\"}, \"date\": \"2026-08-01\"}");
    Reply noList = api.asService().post(QUOTE, GPT_USE + ", \"date\": \"2025-06-01\"}");

    assertThat(noLine.status()).isEqualTo(422);
    assertThat(noLine.code()).isEqualTo("price_not_found");
    assertThat(noList.status()).isEqualTo(422);
    assertThat(noList.code()).isEqualTo("price_not_found");
  }

  @Test
  void answers404ForAnUnknownProgramme() {
    Reply shown = api.asAdmin().get(PROGRAMS + "/nope");
    Reply quoted = api.asAdmin().post(QUOTE, "{\"program_id\": \"nope\", \"usage\": {\"x\": 1}}");

    assertThat(shown.status()).isEqualTo(404);
    assertThat(shown.code()).isEqualTo("not_found");
    assertThat(quoted.status()).isEqualTo(404);
    assertThat(quoted.code()).isEqualTo("not_found");
  }

  @Test
  void refusesBadQuotesWith400() {
    for (String body :
        List.of(
            "{\"usage\": {\"input_tokens\": 1}}",
            "{\"program_id\": \"prog-1\", \"usage\": {\"details\": {\"input_tokens\": -2}}}",
            "{\"program_id\": \"prog-1\", \"usage\": {\"input_tokens\": -1}}",
            "{\"program_id\": \"prog-1\", \"usage\": [1]}",
            "{\"program_id\": \"prog-1\", \"attributes\": {\"model\": {\"name\": \"gpt-4o\"}}}",
            "{\"program_id\": \"prog-1\", \"attributes\": {\"model\": [\"gpt-4o\"]}}",
            "{\"program_id\": \"prog-1\", \"user_org_id\": \"acme\"}",
            "{\"program_id\": \"prog-1\", \"used_amount\": \"many\"}",
            "{\"program_id\": \"prog-1\", \"date\": \"March\"}",
            "{\"program_id\": \"prog-1\", \"price\": 1}",
            "{\"program_id\": \"bad id!\"}",
            "{\"program_id\": 7}",
            "nonsense")) {
      Reply reply = api.asService().post(QUOTE, body);
      assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    assertThat(api.asService().get(PROGRAMS + "?page=0").status()).isEqualTo(400);
    assertThat(api.asService().get(PROGRAMS + "/bad%20id").status()).isEqualTo(400);
  }

  @Test
  void needsCredentials() {
    assertThat(api.anonymous().get(PROGRAMS).status()).isEqualTo(401);
    assertThat(api.anonymous().get(PROGRAMS + "/prog-1").status()).isEqualTo(401);
    assertThat(api.anonymous().post(QUOTE, GPT_USE + "}").status()).isEqualTo(401);
    assertThat(api.anonymous().post(QUOTE, GPT_USE + "}").code()).isEqualTo("unauthorized");
  }
}
