package dev.tally.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.UpstreamException;
import dev.tally.sync.UpstreamConfig;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageSizeLimitTest {
  private static final String PAGE =
      "{\"items\":[{\"id\":\"a\",\"version\":1}],\"has_more\":false}";

  private final MockWebServer server = new MockWebServer();
  private OkHttpUpstreamGateway gateway;

  @BeforeEach
  void startUpstream() throws Exception {
    server.start();
    gateway =
        OkHttpUpstreamGateway.create(
            UpstreamConfig.of(server.url("/")).withMaxPageBytes(PAGE.length()), Instant::now, () -> "n");
  }

  @AfterEach
  void stopUpstream() {
    server.close();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void readsAPageUpToTheLimit() {
    server.enqueue(json(PAGE));

    assertThat(gateway.fetch(SyncEntity.UAPI, Optional.empty(), 10).changes()).hasSize(1);
  }

  @Test
  void refusesAPageBeyondTheLimitWithoutReadingItAll() {
    server.enqueue(json(PAGE + " "));

    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class, () -> gateway.fetch(SyncEntity.UAPI, Optional.empty(), 10));

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure)
        .hasMessageEndingWith(
            ": the page is larger than "
                + PAGE.length()
                + " bytes; ask for fewer items a page (the sync's page size)");
  }
}
