package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Where {@code tally serve} listens and how it guards itself against slow clients ({@code
 * server.*}).
 *
 * @param maxBodyBytes request bodies larger than this are refused with 413
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param minRequestDataRate a request body arriving slower than this many bytes per second (after
 *     its first second) is cut with 408
 */
public record ServerConfig(
    String host, int port, long maxBodyBytes, Duration idleTimeout, long minRequestDataRate) {
  public ServerConfig {
    checkNotNull(host, "host");
    checkArgument(port >= 0 && port <= 65_535, "port is 0 to 65535");
    checkArgument(maxBodyBytes > 0, "max body bytes is positive");
    checkNotNull(idleTimeout, "idle timeout");
    checkArgument(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle timeout is positive");
    checkArgument(minRequestDataRate > 0, "min request data rate is positive");
  }

  /** The same settings on another port. */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, idleTimeout, minRequestDataRate);
  }
}
