package dev.tally.http.json;

/**
 * The request cannot be understood: malformed JSON, a missing or unknown field, a value of the
 * wrong type or out of range. Answered 400 {@code validation_failed}; nothing was changed.
 */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequest(String message) {
    super(message, null, false, false);
  }
}
