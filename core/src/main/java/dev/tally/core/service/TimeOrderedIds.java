package dev.tally.core.service;

import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.IdGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers in the UUIDv7 layout (RFC 9562) written as 32 lowercase hex digits without dashes:
 * 48 bits of Unix milliseconds, then random bits, so that ids sort roughly by creation time and
 * cannot be guessed. Thread-safe.
 */
public final class TimeOrderedIds implements IdGenerator {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TimeOrderedIds(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    long millis = clock.now().toEpochMilli();
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (millis >>> (40 - 8 * i));
    }
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x70); // version 7
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // variant 10
    return HexFormat.of().formatHex(bytes);
  }
}
