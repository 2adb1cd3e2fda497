package dev.tally.sync;

import com.google.common.io.BaseEncoding;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.sync.internal.OkHttpUpstreamGateway;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Builds the {@link UpstreamGateway} that pulls users, pricing programmes, upstream APIs and LLM
 * models from the upstream services over HTTP. One gateway serves every entity; the gateways of a
 * process share one OkHttp connection pool. Nothing needs closing: idle connections are released
 * after a few minutes. Thread-safe.
 */
public final class UpstreamClients {
  private static final SecureRandom RANDOM = new SecureRandom();

  private UpstreamClients() {}

  /** A gateway on the system clock, with random nonces. */
  public static UpstreamGateway gateway(UpstreamConfig config) {
    return gateway(config, Clock.system(), UpstreamClients::randomNonce);
  }

  /**
   * A gateway whose signatures take their time from {@code clock} and their nonces from {@code
   * nonces} (which must never repeat a value), and whose entries are stamped with {@code clock}.
   */
  public static UpstreamGateway gateway(
      UpstreamConfig config, Clock clock, Supplier<String> nonces) {
    return OkHttpUpstreamGateway.create(config, clock, nonces);
  }

  /** 128 random bits in hex. */
  static String randomNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return BaseEncoding.base16().lowerCase().encode(bytes);
  }
}
