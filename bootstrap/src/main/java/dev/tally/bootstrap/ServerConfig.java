package dev.tally.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Where {@code tally serve} listens ({@code server.*}).
 *
 * @param maxBodyBytes request bodies larger than this are refused with 413
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
  public ServerConfig {
    checkNotNull(host, "host");
    checkArgument(port >= 0 && port <= 65_535, "port is 0 to 65535");
    checkArgument(maxBodyBytes > 0, "max body bytes is positive");
  }
}
