package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Strings;
import dev.tally.core.port.out.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers a test can predict: a prefix and a zero-padded counter from 1, always 32 characters
 * ({@code id00000000000000000000000000001}, ...), so that they sort in the order they were made.
 * Thread-safe: concurrent callers get distinct identifiers.
 */
public final class SequentialIds implements IdGenerator {
  /** The length of every identifier, as the VARCHAR(32) id columns. */
  public static final int LENGTH = 32;

  private static final int MAX_PREFIX = 16;

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  /** Identifiers {@code id0...01}, {@code id0...02}, ... */
  public SequentialIds() {
    this("id");
  }

  /** Identifiers that start with {@code prefix}: at most 16 letters, digits or {@code _.:@-}. */
  public SequentialIds(String prefix) {
    checkNotNull(prefix, "prefix");
    checkArgument(
        prefix.matches("[A-Za-z0-9_.:@-]{0," + MAX_PREFIX + "}"),
        "prefix must be at most %s letters, digits or _.:@- characters: '%s'",
        MAX_PREFIX,
        prefix);
    this.prefix = prefix;
  }

  @Override
  public String newId() {
    String number = Long.toString(counter.incrementAndGet());
    int width = LENGTH - prefix.length();
    checkState(number.length() <= width, "ran out of %s-digit identifiers", width);
    return prefix + Strings.padStart(number, width, '0');
  }
}
