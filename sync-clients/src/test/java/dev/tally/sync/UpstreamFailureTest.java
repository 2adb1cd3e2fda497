package dev.tally.sync;

import static dev.tally.sync.Upstream.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tally.core.model.Secret;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.UpstreamException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {
  private final MockWebServer server = new MockWebServer();
  private UpstreamGateway gateway;
  private String usersUrl;
  private String pricingUrl;

  @BeforeEach
  void startUpstream() throws Exception {
    server.start();
    gateway = Upstream.gateway(server);
    usersUrl = server.url("/users/changes").toString();
    pricingUrl = server.url("/pricing/changes").toString();
  }

  @AfterEach
  void stopUpstream() {
    server.close();
  }

  private UpstreamException failure(SyncEntity entity) {
    return catchThrowableOfType(
        UpstreamException.class, () -> gateway.fetch(entity, Optional.of("c-1"), 100));
  }

  @Test
  void aServerErrorIsRetryable() {
    server.enqueue(Upstream.status(500));

    UpstreamException failure = failure(SyncEntity.USERS);

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.retryAfter()).isEmpty();
    assertThat(failure).hasMessage("upstream failed for users (500) at " + usersUrl);
  }

  @Test
  void tooManyRequestsIsRetryableAfterTheSecondsTheServerAsks() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());

    UpstreamException failure = failure(SyncEntity.PRICING);

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(failure).hasMessageContaining("(429)").hasMessageContaining("retry after 120 s");
  }

  @Test
  void readsRetryAfterGivenAsAnHttpDate() {
    // the clock is at 2024-11-24T01:39:05Z
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "Sun, 24 Nov 2024 01:40:35 GMT")
            .build());

    UpstreamException failure = failure(SyncEntity.UAPI);

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(90));
  }

  @Test
  void aReadTimeoutIsRetryable() {
    UpstreamGateway impatient =
        Upstream.gateway(
            Upstream.configFor(server)
                .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(200)));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"items\":[],\"next\":\"c-2\",\"has_more\":false}")
            .bodyDelay(2, TimeUnit.SECONDS)
            .build());

    long started = System.nanoTime();
    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class,
            () -> impatient.fetch(SyncEntity.LLMAGE, Optional.empty(), 10));

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure)
        .hasMessageStartingWith(
            "upstream timed out for llmage at " + server.url("/llmage/changes"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void anAnswerTricklingInIsCutOffAtThePageTimeoutAndRetryable() {
    UpstreamGateway impatient =
        Upstream.gateway(
            Upstream.configFor(server)
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500))
                .withPageTimeout(Duration.ofSeconds(1)));
    // a byte every 100 ms: never silent for the read timeout, 4 s for the whole page
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"items\":[],\"next\":\"c-2\",\"has_more\":false}")
            .throttleBody(1, 100, TimeUnit.MILLISECONDS)
            .build());

    long started = System.nanoTime();
    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class,
            () -> impatient.fetch(SyncEntity.LLMAGE, Optional.empty(), 10));

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure)
        .hasMessage(
            "upstream timed out for llmage at "
                + server.url("/llmage/changes")
                + ": the page took longer than 1 s to arrive");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void anAnswerCutOffBeforeItsEndIsRetryable() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"items\":[{\"id\":\"p-1\",\"version\":1}],\"next\":\"c-2\",\"has_more\":false}")
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    UpstreamException failure = failure(SyncEntity.PRICING);

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure).hasMessageStartingWith("upstream broke off the page for pricing at " + pricingUrl + " after ");
  }

  @Test
  void anUnreachableUpstreamIsRetryable() {
    HttpUrl gone = server.url("/");
    server.close();
    UpstreamGateway nowhere = Upstream.gateway(UpstreamConfig.of(gone));

    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class, () -> nowhere.fetch(SyncEntity.USERS, Optional.empty(), 10));

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure).hasMessageStartingWith("upstream unreachable for users at " + usersUrl);
  }

  @Test
  void garbageJsonIsAnUnreadablePageNotWorthRetrying() {
    server.enqueue(page("{\"items\":[{\"id\":\"p-1\",\"version\":1"));

    UpstreamException failure = failure(SyncEntity.PRICING);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessageStartingWith(
            "upstream answered an unreadable page for pricing at "
                + pricingUrl
                + ": the body is not JSON");
  }

  @Test
  void anAnswerOfAnotherContentTypeIsUnreadable() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/html; charset=utf-8")
            .body("<html>maintenance</html>")
            .build());

    UpstreamException failure = failure(SyncEntity.PRICING);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessage(
            "upstream answered an unreadable page for pricing at "
                + pricingUrl
                + ": the answer is of type text/html, not application/json");
  }

  @Test
  void aPageWithoutItemsIsUnreadable() {
    server.enqueue(page("{\"data\":[],\"next\":\"c-2\",\"has_more\":false}"));

    UpstreamException failure = failure(SyncEntity.USERS);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure).hasMessageEndingWith(": the page has no \"items\" array");
  }

  @Test
  void aPageThatSaysMoreWithoutACursorIsUnreadable() {
    server.enqueue(page("{\"items\":[],\"has_more\":true}"));

    assertThat(failure(SyncEntity.USERS))
        .hasMessageEndingWith(": \"has_more\" is true but \"next\" is missing");
  }

  @Test
  void anIdLongerThanTheCacheColumnsMakesThePageUnreadable() {
    String longId = "u".repeat(33);
    server.enqueue(
        page(
            "{\"items\":[{\"id\":\"u-1\",\"version\":1},{\"id\":\""
                + longId
                + "\",\"version\":1}],\"next\":\"c-2\",\"has_more\":false}"));

    UpstreamException failure = failure(SyncEntity.USERS);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessage(
            "upstream answered an unreadable page for users at "
                + usersUrl
                + ": item '"
                + longId
                + "': id is 33 characters long, more than the 32 the cache tables hold");
  }

  @Test
  void aMalformedPriceNamesTheItemAndTheField() {
    server.enqueue(
        page(
            """
            {"items":[{"id":"pp-1","version":2,"name":"LLM","price_lists":[
               {"enabled_date":"2024-01-01","unit_values":{"百万":1000000},
                "lines":[{"price_factors":["prompt_tokens"],"unit_prices":["0.8x"],"unit":"百万"}]}]}],
             "next":"p-2","has_more":false}\
            """));

    UpstreamException failure = failure(SyncEntity.PRICING);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessageEndingWith(
            ": item 'pp-1': price_lists[0].lines[0].unit_prices[0] is not a decimal: \"0.8x\"");
  }

  @Test
  void aUnitMissingFromTheListsUnitValuesMakesThePageUnreadable() {
    server.enqueue(
        page(
            """
            {"items":[{"id":"pp-1","version":2,"name":"LLM","price_lists":[
               {"enabled_date":"2024-01-01","unit_values":{"百万":1000000},
                "lines":[{"price_factors":["characters"],"unit_prices":[0.1],"unit":"万字符"}]}]}],
             "next":"p-2","has_more":false}\
            """));

    assertThat(failure(SyncEntity.PRICING))
        .hasMessageContaining("item 'pp-1': price_lists[0]: ")
        .hasMessageContaining("uses unit '万字符' missing from its unit_values [百万]");
  }

  @Test
  void refusedCredentialsAreNotRetriedAndSayWhereToLook() {
    server.enqueue(Upstream.status(401));
    server.enqueue(Upstream.status(403));

    UpstreamException unauthorized = failure(SyncEntity.USERS);
    UpstreamException forbidden = failure(SyncEntity.PRICING);

    assertThat(unauthorized.isRetryable()).isFalse();
    assertThat(unauthorized)
        .hasMessage(
            "upstream refused the credentials for users (401) at "
                + usersUrl
                + ": check sync.signer settings");
    assertThat(forbidden.isRetryable()).isFalse();
    assertThat(forbidden)
        .hasMessageStartingWith("upstream refused the credentials for pricing (403)");
  }

  @Test
  void otherClientErrorsAreNotRetried() {
    server.enqueue(Upstream.status(404));

    UpstreamException failure = failure(SyncEntity.UAPI);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessage(
            "upstream rejected the request for uapi (404) at " + server.url("/uapi/changes"));
  }

  @Test
  void aRedirectIsNotFollowedUnsigned() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "https://elsewhere.example/users?token=abc")
            .build());

    UpstreamException failure = failure(SyncEntity.USERS);

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessage(
            "upstream redirected users (302) at "
                + usersUrl
                + " to https://elsewhere.example/users: configure the final address in sync"
                + " settings");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void noCredentialAppearsInAFailure() {
    UpstreamGateway signed =
        Upstream.gateway(
            Upstream.configFor(server)
                .withSigner(
                    new SignerConfig.Deerer(
                        "app-1",
                        Secret.of("app-secret-123"),
                        Secret.of("tly_exampleKey0001"))));
    server.enqueue(Upstream.status(401));

    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class, () -> signed.fetch(SyncEntity.USERS, Optional.empty(), 10));

    assertThat(failure.getMessage())
        .doesNotContain("app-secret-123")
        .doesNotContain("tly_exampleKey0001")
        .doesNotContain("Deerer");
  }
}
