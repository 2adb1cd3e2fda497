package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request body over the configured size is refused with 413 problem+json and changes nothing. */
class BodyLimitApiTest {
  private static final int LIMIT = 256;
  private static final OrgId ACME = ApiServer.CUSTOMER_ORG;
  private static final String RECHARGE = "/api/v1/balances/acme/recharge";

  @RegisterExtension
  final ApiServer api =
      new ApiServer(new ServerSettings("127.0.0.1", 0, LIMIT, 20));

  @Test
  void refusesABodyOverTheLimit() {
    Reply reply = api.asAdmin().post(RECHARGE, bodyOf(LIMIT + 1));

    assertTooLarge(reply);
    assertThat(balanceExists()).isFalse();
  }

  @Test
  void refusesAStreamedBodyOverTheLimitThatAnnouncesNoLength() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + RECHARGE))
            .header("Authorization", "Bearer " + api.adminKey())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(bodyOf(LIMIT * 4).getBytes(StandardCharsets.UTF_8))))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(Problems.CONTENT_TYPE);
    assertThat(balanceExists()).isFalse();
  }

  @Test
  void acceptsABodyAtTheLimit() {
    Reply reply = api.asAdmin().post(RECHARGE, bodyOf(LIMIT));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(api.core().balances().balance(ACME).balance()).isEqualTo(Money.of("1", Currency.CNY));
  }

  /** A valid recharge of 1 padded with spaces to exactly {@code size} bytes. */
  private static String bodyOf(int size) {
    String json = "{\"amount\": \"1\", \"memo\": \"\"}";
    return json + " ".repeat(size - json.length());
  }

  private boolean balanceExists() {
    return api.core().balances().balances(Optional.empty(), new PageRequest(1, 10)).total() > 0;
  }

  private static void assertTooLarge(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
    assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    assertThat(reply.code()).isEqualTo("payload_too_large");
    assertThat(reply.json().path("detail").asText()).contains(Integer.toString(LIMIT));
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
