package dev.tally.core.sync;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * An upstream call failed. {@link #isRetryable()} for 5xx answers, 429, timeouts and connection
 * errors (with the server's {@code Retry-After}, when it gave one); not for 4xx answers (401, ...)
 * or pages that cannot be read, which retrying does not mend. The message names the entity and
 * the upstream and never carries a credential.
 */
public class UpstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient Optional<Duration> retryAfter;

  public UpstreamException(
      String message, boolean retryable, Optional<Duration> retryAfter, Throwable cause) {
    super(checkNotNull(message, "message"), cause);
    this.retryable = retryable;
    this.retryAfter = checkNotNull(retryAfter, "retry after").filter(wait -> !wait.isNegative());
  }

  /** A failure that retrying does not mend (a 4xx answer, a page that cannot be read). */
  public static UpstreamException permanent(String message) {
    return new UpstreamException(message, false, Optional.empty(), null);
  }

  /** A failure worth retrying (5xx, 429, a timeout), after {@code retryAfter} when given. */
  public static UpstreamException retryable(String message, Optional<Duration> retryAfter) {
    return new UpstreamException(message, true, retryAfter, null);
  }

  public boolean isRetryable() {
    return retryable;
  }

  /** How long the server asked to wait before the next call ({@code Retry-After}), never < 0. */
  public Optional<Duration> retryAfter() {
    // transient: empty after deserialization
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
