package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/** The shape every identifier shares: 1 to 32 visible characters, as the VARCHAR(32) columns. */
public final class Ids {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.:@-]{1,32}");

  private Ids() {}

  /** Returns {@code value} when it has the shape of an id; refuses it otherwise. */
  public static String check(String value, String what) {
    checkNotNull(value, what);
    checkArgument(
        SHAPE.matcher(value).matches(),
        "%s must be 1 to 32 letters, digits or _.:@- characters: '%s'",
        what,
        value);
    return value;
  }
}
