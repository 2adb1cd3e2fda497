package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BalanceApiTest {
  @RegisterExtension final ApiServer api = new ApiServer();

  @Test
  void rechargesAndShowsTheBalanceWithDecimalStrings() {
    Reply recharged =
        api.asAdmin()
            .post("/api/v1/balances/acme/recharge", "{\"amount\": \"12.5\", \"reference\": \"pay-1\"}");

    assertThat(recharged.status()).isEqualTo(200);
    assertThat(recharged.json().path("balance").asText()).isEqualTo("12.500000");
    assertThat(recharged.json().path("currency").asText()).isEqualTo("CNY");
    Reply shown = api.asCustomer().get("/api/v1/balances/acme");
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().path("available").asText()).isEqualTo("12.500000");
    assertThat(shown.json().path("status").asText()).isEqualTo("active");
  }

  @Test
  void keepsACustomerOutOfAnotherOrgsBalance() {
    api.core()
        .balances()
        .recharge(new Recharge(OrgId.of("globex"), Money.of("5", Currency.CNY), Optional.empty(), ""));

    Reply reply = api.asCustomer().get("/api/v1/balances/globex");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("forbidden");
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  @Test
  void refusesAnOverScaledAmountAndChangesNothing() {
    Reply reply = api.asAdmin().post("/api/v1/balances/acme/recharge", "{\"amount\": \"1.0000001\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(reply.json().path("detail").asText()).contains("amount");
    assertThat(api.asAdmin().get("/api/v1/balances/acme").status()).isEqualTo(404);
  }

  @Test
  void answersHealthWithoutCredentials() {
    Reply reply = api.anonymous().get("/api/v1/health");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("up");
  }
}
