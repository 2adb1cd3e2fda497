package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Role;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.port.in.CreateApiApp;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.Issued;
import dev.tally.core.port.in.Recharge;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The settings of the Deerer scheme: it can be turned off, and a token may come as the {@code
 * deerer} query parameter (as the platform's jump-in page sends it) only where that is turned on,
 * and is then never written to the log.
 */
class DeererSettingsApiTest {
  private static final String ACME_BALANCE = "/api/v1/balances/acme";

  /** A token of a fresh service app carrying a customer key of acme. */
  private static String tokenOn(ApiServer api, String time) {
    api.core().balances().recharge(new Recharge(ApiServer.CUSTOMER_ORG, Money.of("10", Currency.CNY), Optional.empty(), ""));
    Issued<ApiApp> app = api.core().credentials().createApp(new CreateApiApp("jump-in", Optional.empty(), List.of()));
    String key =
        api.core()
            .credentials()
            .createKey(
                new CreateApiKey(
                    Role.CUSTOMER, Optional.of(ApiServer.CUSTOMER_ORG), Optional.empty(), Optional.of(app.issued().appId()),
                    Optional.empty()))
            .secret();
    return app.issued().appId() + DeererToken.SEPARATOR + DeererToken.encrypt(app.secret(), time, key);
  }

  private static String tokenWithAPlus(ApiServer api) {
    for (int attempt = 1; ; attempt++) {
      String token = tokenOn(api, api.clock().now().getEpochSecond() + "." + attempt);
      if (token.contains("+")) {
        return token;
      }
    }
  }

  private static String now(ApiServer api) {
    return api.clock().now().getEpochSecond() + ".8731";
  }

  @Nested
  class ByDefault {
    @RegisterExtension final ApiServer api = new ApiServer();

    @Test
    void acceptsATokenInTheHeaderButNotAsAQueryParameter() {
      String header = tokenOn(api, now(api));
      String query = tokenOn(api, api.clock().now().getEpochSecond() + ".1234");

      Reply inHeader = api.anonymous().with("Authorization", "Deerer " + header).get(ACME_BALANCE);
      Reply inQuery = api.anonymous().get(ACME_BALANCE + "?deerer=" + URLEncoder.encode(query, StandardCharsets.UTF_8));

      assertThat(inHeader.status()).as(inHeader.toString()).isEqualTo(200);
      assertThat(inQuery.status()).as(inQuery.toString()).isEqualTo(401);
    }
  }

  @Nested
  class TurnedOff {
    @RegisterExtension
    final ApiServer api = new ApiServer(ServerSettings.DEFAULTS.withPort(0).withDeerer(false, true));

    @Test
    void refusesEveryDeererTokenAndSaysHowToTurnItOn() {
      String header = tokenOn(api, now(api));
      String query = tokenOn(api, api.clock().now().getEpochSecond() + ".1234");

      Reply inHeader = api.anonymous().with("Authorization", "Deerer " + header).get(ACME_BALANCE);
      Reply inQuery = api.anonymous().get(ACME_BALANCE + "?deerer=" + URLEncoder.encode(query, StandardCharsets.UTF_8));

      for (Reply reply : List.of(inHeader, inQuery)) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.json().path("detail").asText()).contains("security.deerer_enabled");
      }
      assertThat(api.asCustomer().get(ACME_BALANCE).status()).as("keys still work").isEqualTo(200);
    }
  }

  @Nested
  class AsAQueryParameter {
    @RegisterExtension
    final ApiServer api = new ApiServer(ServerSettings.DEFAULTS.withPort(0).withDeerer(true, true));

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureTheLog() {
      log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
      log.start();
      root.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
      root.detachAppender(log);
    }

    @Test
    void acceptsATokenAsTheJumpInPageSendsItAndNeverLogsIt() {
      String encoded = tokenOn(api, now(api));
      // the page may leave the base64 unencoded: its '+' then arrives as a space
      String raw = tokenWithAPlus(api);

      Reply viaEncoded = api.anonymous().get(ACME_BALANCE + "?deerer=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8));
      Reply viaRaw = api.anonymous().get(ACME_BALANCE + "?deerer=" + raw.replace("/", "%2F").replace("=", "%3D"));
      Reply replayed = api.anonymous().get(ACME_BALANCE + "?deerer=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8));
      Reply otherOrg = api.anonymous().get("/api/v1/balances/globex?deerer=" + URLEncoder.encode(tokenOn(api, api.clock().now().getEpochSecond() + ".5"), StandardCharsets.UTF_8));

      assertThat(viaEncoded.status()).as(viaEncoded.toString()).isEqualTo(200);
      assertThat(viaRaw.status()).as(viaRaw.toString()).isEqualTo(200);
      assertThat(replayed.status()).as(replayed.toString()).isEqualTo(401);
      assertThat(otherOrg.status()).as(otherOrg.toString()).isEqualTo(403);
      String token = encoded.substring(encoded.indexOf(DeererToken.SEPARATOR) + DeererToken.SEPARATOR.length());
      assertThat(log.list)
          .noneMatch(event -> event.getFormattedMessage().contains(token.substring(0, 12)))
          .noneMatch(event -> event.getFormattedMessage().contains("deerer="));
      for (Reply reply : List.of(viaEncoded, viaRaw, replayed, otherOrg)) {
        assertThat(reply.body()).doesNotContain(token.substring(0, 12));
      }
    }
  }
}
