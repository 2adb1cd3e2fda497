package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.testing.Samples;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.List;
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
    assertThat(tokens.path("filters").path("model").asText()).isEqualTo("gpt-4o");
    assertThat(january.path("lines").get(1).path("price_factors").get(0).asText())
        .isEqualTo("flat");
    assertThat(lists.get(1).path("expired_date").isNull()).isTrue();
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
    assertThat(input.path("filters").path("model").asText()).isEqualTo("gpt-4o");
    assertThat(lines.get(1).path("amount").asText()).isEqualTo("5");
    assertThat(lines.get(2).path("factor").asText()).isEqualTo("flat");
    assertThat(lines.get(2).path("amount").asText()).isEqualTo("0.01");
    assertThat(quote.path("subtotal").asText()).isEqualTo("7.51");
    assertThat(quote.path("discount").asText()).isEqualTo("0.8");
    assertThat(quote.path("exact_total").asText()).isEqualTo("6.008");
    assertThat(quote.path("total").asText()).isEqualTo("6.0080");
    assertThat(quote.path("currency").asText()).isEqualTo("CNY");
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
            "{\"program_id\": \"prog-1\", \"usage\": {\"input_tokens\": \"lots\"}}",
            "{\"program_id\": \"prog-1\", \"usage\": {\"input_tokens\": -1}}",
            "{\"program_id\": \"prog-1\", \"usage\": [1]}",
            "{\"program_id\": \"prog-1\", \"attributes\": {\"model\": 4}}",
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
