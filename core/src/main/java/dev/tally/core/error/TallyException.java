package dev.tally.core.error;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * The one unchecked root of every business outcome that is not a success: a refused use, an
 * unknown id, a conflicting replay. Its message is meant for the person who made the request and
 * says what to change; it never carries secrets.
 *
 * <p>Refusals are expected on the hot path, so outcomes that are not infrastructure failures are
 * built without a stack trace; a failure of a dependency keeps its cause and trace.
 */
public class TallyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public TallyException(ErrorCode code, String message) {
    super(message, null, true, code.kind() == ErrorKind.UNAVAILABLE);
    this.code = checkNotNull(code, "code");
  }

  public TallyException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, true, true);
    this.code = checkNotNull(code, "code");
  }

  /** Builds an exception whose message is {@code String.format(Locale.ROOT, template, args)}. */
  public static TallyException of(ErrorCode code, String template, Object... args) {
    return new TallyException(code, String.format(Locale.ROOT, template, args));
  }

  public static TallyException notFound(String what, Object id) {
    return of(ErrorCode.NOT_FOUND, "%s %s does not exist", what, id);
  }

  public static TallyException invalid(String template, Object... args) {
    return of(ErrorCode.VALIDATION_FAILED, template, args);
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorKind kind() {
    return code.kind();
  }
}
