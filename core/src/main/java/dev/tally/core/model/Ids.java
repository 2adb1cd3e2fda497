package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/** The shape every identifier shares: 1 to 32 visible characters, as the VARCHAR(32) columns. */
public final class Ids {
  private static final TextShape SHAPE = TextShape.lettersDigitsAnd("_.:@-", 1, 32);

  private Ids() {}

  /** Returns {@code value} when it has the shape of an id; refuses it otherwise. */
  public static String check(String value, String what) {
    checkNotNull(value, what);
    checkArgument(
        SHAPE.matches(value),
        "%s must be 1 to 32 letters, digits or _.:@- characters: '%s'",
        what,
        value);
    return value;
  }
}
