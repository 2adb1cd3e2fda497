package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.ProductResource;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/metrics}: Prometheus text for admins and services, with every request counted
 * by method, route template and status, with a latency histogram, and every product_use outcome
 * counted by its code.
 */
class MetricsApiTest {
  private static final String METRICS = "/api/v1/metrics";

  @RegisterExtension final ApiServer api = new ApiServer();

  @BeforeEach
  void acmeHasABalance() {
    api.core()
        .balances()
        .recharge(
            new Recharge(ApiServer.CUSTOMER_ORG, Money.of("10", Currency.CNY), Optional.empty(), ""));
  }

  @Test
  void servesPrometheusTextToAdminsAndServices() {
    api.asCustomer().get("/api/v1/balances/acme");

    Reply admin = api.asAdmin().get(METRICS);
    Reply service = api.asService().get(METRICS);

    for (Reply reply : new Reply[] {admin, service}) {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.contentType()).startsWith("text/plain");
      assertThat(reply.body()).contains("# TYPE ");
    }
  }

  @Test
  void refusesCustomersAndAnonymousCallers() {
    Reply customer = api.asCustomer().get(METRICS);
    Reply anonymous = api.anonymous().get(METRICS);

    assertThat(customer.status()).isEqualTo(403);
    assertThat(customer.code()).isEqualTo("forbidden");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(customer.body()).doesNotContain("http_server_requests");
  }

  @Test
  void countsRequestsByRouteTemplateAndStatusWithALatencyHistogram() {
    api.asCustomer().get("/api/v1/balances/acme");
    api.asCustomer().get("/api/v1/balances/acme");
    api.asCustomer().get("/api/v1/balances/globex");
    api.anonymous().get("/api/v1/balances/acme");
    api.asAdmin().post("/api/v1/balances/acme/recharge", "{\"amount\": \"ten\"}");

    String text = api.asAdmin().get(METRICS).body();

    assertThat(text).contains("# TYPE http_server_requests_seconds histogram");
    assertThat(sample(text, "http_server_requests_seconds_count", "GET", "/api/v1/balances/{customer_id}", "200"))
        .isEqualTo(2.0);
    assertThat(sample(text, "http_server_requests_seconds_count", "GET", "/api/v1/balances/{customer_id}", "403"))
        .isEqualTo(1.0);
    assertThat(sample(text, "http_server_requests_seconds_count", "GET", "/api/v1/balances/{customer_id}", "401"))
        .isEqualTo(1.0);
    assertThat(
            sample(text, "http_server_requests_seconds_count", "POST", "/api/v1/balances/{customer_id}/recharge", "400"))
        .isEqualTo(1.0);
    assertThat(text).contains("http_server_requests_seconds_bucket{");
    assertThat(text).contains("http_server_requests_seconds_sum{");
  }

  @Test
  void labelsRequestsOfNoRouteAsUnmatchedNotByTheirPath() {
    api.asAdmin().get("/api/v1/no-such-route-1");
    api.asAdmin().get("/api/v1/no-such-route-2");

    String text = api.asAdmin().get(METRICS).body();

    assertThat(sample(text, "http_server_requests_seconds_count", "GET", "unmatched", "404")).isEqualTo(2.0);
    assertThat(text).doesNotContain("no-such-route");
  }

  @Test
  void countsProductUseOutcomesByCode() {
    ProductResource llm = new MeteringSetup(api.core()).payPerUse("0.002", "0.001");
    String use =
        "{\"product_id\": \"%s\", \"user_id\": \"u-1\", \"user_org_id\": \"acme\","
            + " \"used_amount\": \"%s\", \"used_unit\": \"token\", \"source_ref_table\": \"calls\","
            + " \"source_ref_id\": \"%s\"}";
    String product = llm.productId().value();
    assertThat(api.asService().post("/api/v1/usage", use.formatted(product, "1000", "c-1")).status()).isEqualTo(201);
    assertThat(api.asService().post("/api/v1/usage", use.formatted(product, "1000", "c-1")).status()).isEqualTo(200);
    assertThat(api.asService().post("/api/v1/usage", use.formatted(product, "1000", "c-2")).status()).isEqualTo(201);
    assertThat(api.asService().post("/api/v1/usage", use.formatted(product, "999999999", "c-3")).status())
        .isEqualTo(402);
    assertThat(api.asService().post("/api/v1/usage", "{\"user_id\": \"u-1\"}").status()).isEqualTo(400);

    String text = api.asAdmin().get(METRICS).body();

    assertThat(outcome(text, "accepted")).isEqualTo(2.0);
    assertThat(outcome(text, "replayed")).isEqualTo(1.0);
    assertThat(outcome(text, "insufficient_balance")).isEqualTo(1.0);
    assertThat(outcome(text, "validation_failed")).isEqualTo(1.0);
  }

  private static Double outcome(String text, String code) {
    for (String line : text.split("\n")) {
      if (line.startsWith("tally_usage_outcomes_total{") && line.contains("code=\"" + code + "\"")) {
        return Double.valueOf(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return null;
  }

  /**
   * The value of the sample {@code name} with these method, route and status labels, or null when
   * there is none.
   */
  private static Double sample(String text, String name, String method, String route, String status) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{")
          && line.contains("method=\"" + method + "\"")
          && line.contains("route=\"" + route + "\"")
          && line.contains("status=\"" + status + "\"")) {
        return Double.valueOf(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return null;
  }
}
