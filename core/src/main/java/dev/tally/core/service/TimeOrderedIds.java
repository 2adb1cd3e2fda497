package dev.tally.core.service;

import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.IdGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers in the UUIDv7 layout (RFC 9562) written as 32 lowercase hex digits without dashes:
 * 48 bits of Unix milliseconds, a 12-bit counter that orders the ids made in one millisecond by
 * this generator, then 62 random bits, so that ids sort by creation and cannot be guessed.
 * Thread-safe.
 */
public final class TimeOrderedIds implements IdGenerator {
  private static final int COUNTER_LIMIT = 1 << 12;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private int counter;

  public TimeOrderedIds(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String newId() {
    long millis;
    int sequence;
    synchronized (this) {
      millis = Math.max(clock.now().toEpochMilli(), lastMillis);
      if (millis == lastMillis) {
        counter++;
        if (counter == COUNTER_LIMIT) {
          // more than 4096 ids in one millisecond: borrow the next millisecond
          millis++;
          counter = 0;
        }
      } else {
        counter = 0;
      }
      lastMillis = millis;
      sequence = counter;
    }
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (millis >>> (40 - 8 * i));
    }
    bytes[6] = (byte) (0x70 | (sequence >>> 8)); // version 7, counter high bits
    bytes[7] = (byte) sequence;
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // variant 10
    return HexFormat.of().formatHex(bytes);
  }
}
