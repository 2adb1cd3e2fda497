package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed-auth rate limiting: an address that failed authentication 5 times within a minute gets
 * 429 {@code rate_limited}, even when it then presents a correct key.
 */
class AuthRateLimitApiTest {
  private static final int LIMIT = 5;
  private static final String ACME_BALANCE = "/api/v1/balances/acme";

  @RegisterExtension
  final ApiServer api =
      new ApiServer(new ServerSettings("127.0.0.1", 0, 1_048_576, LIMIT));

  @BeforeEach
  void acmeHasABalance() {
    api.core()
        .balances()
        .recharge(
            new Recharge(ApiServer.CUSTOMER_ORG, Money.of("10", Currency.CNY), Optional.empty(), ""));
  }

  @Test
  void answersTooManyRequestsToAnAddressThatKeepsFailingEvenWithACorrectKey() {
    HttpApi guesser = api.anonymous().with("Authorization", "Bearer tly_guessedKey");
    for (int failure = 1; failure < LIMIT; failure++) {
      assertThat(guesser.get(ACME_BALANCE).status()).isEqualTo(401);
    }
    assertThat(api.asCustomer().get(ACME_BALANCE).status())
        .as("below the limit a correct key still works")
        .isEqualTo(200);
    assertThat(guesser.get(ACME_BALANCE).status()).isEqualTo(401);

    Reply guessed = guesser.get(ACME_BALANCE);
    Reply correct = api.asCustomer().get(ACME_BALANCE);
    Reply admin = api.asAdmin().get("/api/v1/balances");

    for (Reply reply : new Reply[] {guessed, correct, admin}) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(429);
      assertThat(reply.code()).isEqualTo("rate_limited");
      assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
      // the minute since the first failure, in whole seconds
      assertThat(reply.header("Retry-After"))
          .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    }
  }

  @Test
  void countsRequestsWithoutCredentialsAsFailures() {
    for (int failure = 0; failure < LIMIT; failure++) {
      assertThat(api.anonymous().get(ACME_BALANCE).status()).isEqualTo(401);
    }

    assertThat(api.asAdmin().get(ACME_BALANCE).status()).isEqualTo(429);
  }

  @Test
  void doesNotCountARefusalByRoleOrOrgAsAnAuthFailure() {
    for (int refusal = 0; refusal < LIMIT + 2; refusal++) {
      assertThat(api.asCustomer().get("/api/v1/balances/globex").status()).isEqualTo(403);
    }

    assertThat(api.asCustomer().get(ACME_BALANCE).status()).isEqualTo(200);
  }

  @Test
  void keepsServingHealthToABlockedAddress() {
    for (int failure = 0; failure < LIMIT; failure++) {
      api.anonymous().with("x-api-key", "tly_guessedKey").get(ACME_BALANCE);
    }

    Reply health = api.anonymous().get("/api/v1/health");

    assertThat(health.status()).isEqualTo(200);
  }
}
