package dev.tally.http;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How the HTTP server listens and guards itself.
 *
 * @param port 0 for any free port (tests)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param timestampWindow how far a signed request's time may be from the clock; nonces are kept
 *     for twice this
 * @param authFailuresPerMinute failed authentications from one address before it gets 429
 */
public record ServerSettings(
    String host, int port, long maxBodyBytes, Duration timestampWindow, int authFailuresPerMinute) {

  public static final ServerSettings DEFAULTS =
      new ServerSettings("127.0.0.1", 8080, 1_048_576, Duration.ofSeconds(300), 20);

  public ServerSettings {
    checkNotNull(host, "host");
    checkArgument(port >= 0 && port <= 65_535, "port must be 0 to 65535: %s", port);
    checkArgument(maxBodyBytes > 0, "max body bytes is positive");
    checkNotNull(timestampWindow, "timestamp window");
    checkArgument(authFailuresPerMinute > 0, "auth failures per minute is positive");
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(host, newPort, maxBodyBytes, timestampWindow, authFailuresPerMinute);
  }
}
