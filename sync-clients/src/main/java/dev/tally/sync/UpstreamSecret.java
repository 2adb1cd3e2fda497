package dev.tally.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A credential the upstream calls are signed with (a key, an app secret). Its text is only
 * available through {@link #reveal()}; {@link #toString()} never shows it, so a secret cannot leak
 * into a log line, an exception or a config's {@code toString()} by accident. Immutable.
 */
public final class UpstreamSecret {
  private final String value;

  private UpstreamSecret(String value) {
    this.value = value;
  }

  /** A secret; refuses an empty one, which would sign nothing. */
  public static UpstreamSecret of(String value) {
    checkNotNull(value, "secret");
    checkArgument(!value.isEmpty(), "an upstream secret is empty");
    return new UpstreamSecret(value);
  }

  /** The secret text, for the signer that needs it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UpstreamSecret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "(secret)";
  }
}
