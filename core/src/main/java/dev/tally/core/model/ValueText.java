package dev.tally.core.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a value sent as text means: a number, a boolean, or only itself. */
final class ValueText {
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?\\d{1,40}(\\.\\d{1,40})?");

  private ValueText() {}

  /** A plain decimal such as {@code 1080} or {@code -0.5}; nothing else reads as a number. */
  static Optional<BigDecimal> number(String text) {
    return PLAIN_DECIMAL.matcher(text).matches()
        ? Optional.of(new BigDecimal(text))
        : Optional.empty();
  }

  /** {@code true} or {@code false} in any case ({@code "False"} is Python's text of false). */
  static Optional<Boolean> bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
