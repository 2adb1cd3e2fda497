package dev.tally.sync;

import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.UpstreamGateway;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A scripted upstream: answers to enqueue, and a gateway on it with a fixed clock and nonce. */
final class Upstream {
  /** 2024-11-24T01:39:05Z, the time of every signature and {@code cachedAt} in these tests. */
  static final Instant NOW = Instant.ofEpochSecond(1_732_412_345L);

  static final Clock CLOCK = () -> NOW;

  static final String NONCE = "nonce-0001";

  private Upstream() {}

  static UpstreamConfig configFor(MockWebServer server) {
    return UpstreamConfig.of(server.url("/"));
  }

  static UpstreamGateway gateway(UpstreamConfig config) {
    return UpstreamClients.gateway(config, CLOCK, () -> NONCE);
  }

  static UpstreamGateway gateway(MockWebServer server) {
    return gateway(configFor(server));
  }

  /** A 200 answer with a JSON page. */
  static MockResponse page(String json) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(json)
        .build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("").build();
  }

  static MockResponse emptyPage() {
    return page("{\"items\":[],\"next\":\"end\",\"has_more\":false}");
  }
}
