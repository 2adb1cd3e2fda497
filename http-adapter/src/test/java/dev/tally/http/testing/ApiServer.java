package dev.tally.http.testing;

import dev.tally.core.auth.Role;
import dev.tally.core.auth.SecretSealer;
import dev.tally.core.model.OrgId;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.testing.FakeClock;
import dev.tally.core.testing.InMemoryStore;
import dev.tally.core.testing.SequentialIds;
import dev.tally.http.HealthProbe;
import dev.tally.http.ServerSettings;
import dev.tally.http.TallyServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Tally server on a free local port over the in-memory store, one per test: register it
 * with {@code @RegisterExtension ApiServer api = new ApiServer();}. It makes an admin, a service
 * and a customer key (org {@link #CUSTOMER_ORG}) and gives clients that send them. Set up data
 * through {@link #core()} directly, then check what the API answers.
 */
public final class ApiServer implements BeforeEachCallback, AfterEachCallback {
  public static final OrgId CUSTOMER_ORG = OrgId.of("acme");
  public static final String MASTER_KEY = "test-master-key";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final ServerSettings settings;
  private InMemoryStore store;
  private TallyCore core;
  private TallyServer server;
  private PrometheusMeterRegistry metrics;
  private String adminKey;
  private String serviceKey;
  private String customerKey;

  public ApiServer() {
    this(ServerSettings.DEFAULTS.withPort(0));
  }

  public ApiServer(ServerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  /** Starts the server with fresh data; what {@code beforeEach} does, for other test engines. */
  public void start() {
    store = new InMemoryStore();
    core =
        new TallyCore(
            store,
            clock,
            new SequentialIds(),
            CoreSettings.DEFAULTS.withSecretSealer(SecretSealer.withMasterKey(MASTER_KEY)));
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server =
        TallyServer.start(
            core, settings, () -> new HealthProbe.Report(true, Map.of("database", "up")), metrics);
    adminKey = key(Role.ADMIN, Optional.empty());
    serviceKey = key(Role.SERVICE, Optional.empty());
    customerKey = key(Role.CUSTOMER, Optional.of(CUSTOMER_ORG));
  }

  private String key(Role role, Optional<OrgId> org) {
    return core.credentials()
        .createKey(new CreateApiKey(role, org, Optional.empty(), Optional.empty(), Optional.empty()))
        .secret();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }

  public void stop() {
    server.close();
  }

  /** The in-memory store under the server, for snapshots of everything it holds. */
  public InMemoryStore store() {
    return store;
  }

  public TallyCore core() {
    return core;
  }

  public FakeClock clock() {
    return clock;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public int port() {
    return server.port();
  }

  /** A client sending the admin key as a Bearer token. */
  public HttpApi asAdmin() {
    return HttpApi.bearer(baseUrl(), adminKey);
  }

  public HttpApi asService() {
    return HttpApi.bearer(baseUrl(), serviceKey);
  }

  /** A client of the customer org {@link #CUSTOMER_ORG}. */
  public HttpApi asCustomer() {
    return HttpApi.bearer(baseUrl(), customerKey);
  }

  /** A client sending no credentials. */
  public HttpApi anonymous() {
    return HttpApi.anonymous(baseUrl());
  }

  public String adminKey() {
    return adminKey;
  }

  /** A new key of {@code role} (for customers, of {@code org}). */
  public String newKey(Role role, Optional<OrgId> org) {
    return key(role, org);
  }
}
