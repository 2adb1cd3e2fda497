package dev.tally.http;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How the HTTP server listens and guards itself.
 *
 * @param port 0 for any free port (tests)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param authFailuresPerMinute failed authentications from one address before it gets 429
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param minRequestDataRate bytes per second below which a request body is cut (408)
 * @param deererEnabled whether Deerer tokens are accepted at all
 * @param deererQueryParameter whether a Deerer token may come as the {@code deerer} query
 *     parameter (the platform's jump-in page), besides the Authorization header
 */
public record ServerSettings(
    String host,
    int port,
    long maxBodyBytes,
    int authFailuresPerMinute,
    Duration idleTimeout,
    long minRequestDataRate,
    boolean deererEnabled,
    boolean deererQueryParameter) {

  public static final ServerSettings DEFAULTS =
      new ServerSettings("127.0.0.1", 8080, 1_048_576, 20);

  public ServerSettings {
    checkNotNull(host, "host");
    checkArgument(port >= 0 && port <= 65_535, "port must be 0 to 65535: %s", port);
    checkArgument(maxBodyBytes > 0, "max body bytes is positive");
    checkArgument(authFailuresPerMinute > 0, "auth failures per minute is positive");
    checkNotNull(idleTimeout, "idle timeout");
    checkArgument(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle timeout is positive");
    checkArgument(minRequestDataRate > 0, "min request data rate is positive");
  }

  /**
   * Settings with the default guards: a 30 s idle timeout, a 1024 bytes per second minimum body
   * rate, Deerer in the Authorization header only.
   */
  public ServerSettings(String host, int port, long maxBodyBytes, int authFailuresPerMinute) {
    this(host, port, maxBodyBytes, authFailuresPerMinute, Duration.ofSeconds(30), 1024, true, false);
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(
        host, newPort, maxBodyBytes, authFailuresPerMinute, idleTimeout,
        minRequestDataRate, deererEnabled, deererQueryParameter);
  }

  /** These settings with other guards against slow clients. */
  public ServerSettings withSlowClientLimits(Duration newIdleTimeout, long newMinRequestDataRate) {
    return new ServerSettings(
        host, port, maxBodyBytes, authFailuresPerMinute, newIdleTimeout,
        newMinRequestDataRate, deererEnabled, deererQueryParameter);
  }

  /** These settings with Deerer turned on or off, in the header and as a query parameter. */
  public ServerSettings withDeerer(boolean enabled, boolean asQueryParameter) {
    return new ServerSettings(
        host, port, maxBodyBytes, authFailuresPerMinute, idleTimeout,
        minRequestDataRate, enabled, asQueryParameter);
  }
}
