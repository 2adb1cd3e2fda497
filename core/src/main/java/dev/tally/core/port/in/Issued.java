package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Something just made together with its secret, which is shown this once and never stored in
 * clear: an API key with its key, an app with its secret. {@code toString} hides the secret.
 */
public record Issued<T>(T issued, String secret) {
  public Issued {
    checkNotNull(issued, "issued");
    checkNotNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "Issued[" + issued + "]";
  }
}
