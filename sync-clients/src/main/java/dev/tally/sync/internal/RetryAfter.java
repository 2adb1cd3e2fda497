package dev.tally.sync.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import okhttp3.Headers;

/**
 * The {@code Retry-After} header (RFC 9110 section 10.2.3): a number of seconds, or an HTTP-date
 * measured from now. A date in the past means at once; a value that is neither is ignored, and the
 * sync falls back on its own backoff.
 */
final class RetryAfter {
  /** Longer waits are cut to this: an upstream should not park a sync for days. */
  static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  static Optional<Duration> of(Headers headers, Instant now) {
    String value = headers.get("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.matches("\\d{1,10}")) {
      return Optional.of(capped(Duration.ofSeconds(Long.parseLong(text))));
    }
    Date date = headers.getDate("Retry-After");
    if (date == null) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, date.toInstant());
    return Optional.of(wait.isNegative() ? Duration.ZERO : capped(wait));
  }

  private static Duration capped(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
