package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lookup of an enum constant by its stored code, with an error that lists the valid codes. */
final class Codes {
  private Codes() {}

  /** A closed code set whose constants are stored and exchanged by {@link #code()}. */
  interface Coded {
    String code();
  }

  static <E extends Enum<E> & Coded> E parse(Class<E> type, String code, String what) {
    checkNotNull(code, what);
    for (E value : type.getEnumConstants()) {
      if (value.code().equals(code)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s must be one of %s: '%s'",
            what,
            Arrays.stream(type.getEnumConstants())
                .map(Coded::code)
                .collect(Collectors.joining(", ")),
            code));
  }
}
