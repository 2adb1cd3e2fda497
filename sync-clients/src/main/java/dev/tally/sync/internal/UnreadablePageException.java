package dev.tally.sync.internal;

/** Why an upstream page cannot be read; the gateway turns it into an {@code UpstreamException}. */
final class UnreadablePageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnreadablePageException(String reason) {
    super(reason);
  }
}
