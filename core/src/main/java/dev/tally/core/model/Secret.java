package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A configured secret (a password, a key). Its text is only available through {@link #reveal()};
 * {@link #toString()} never shows it, so a secret cannot leak into a log line or an error message
 * by accident.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    checkNotNull(value, "secret");
    return value.isEmpty() ? EMPTY : new Secret(value);
  }

  public static Secret empty() {
    return EMPTY;
  }

  /** The secret text, for the one place that needs it. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "(none)" : "(secret)";
  }
}
