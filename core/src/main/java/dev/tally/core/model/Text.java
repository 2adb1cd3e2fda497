package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Checks for free-text fields (names, descriptions, reasons) against their column sizes, shared by
 * the domain records and the commands that carry their fields.
 */
public final class Text {
  private Text() {}

  /** A required name: not blank, at most {@code max} characters. */
  public static String name(String value, int max, String what) {
    checkNotNull(value, what);
    checkArgument(!value.isBlank(), "%s is blank", what);
    checkArgument(value.length() <= max, "%s is longer than %s characters", what, max);
    return value;
  }

  /** An optional text: may be empty, at most {@code max} characters; null becomes empty. */
  public static String optional(String value, int max, String what) {
    String text = value == null ? "" : value;
    checkArgument(text.length() <= max, "%s is longer than %s characters", what, max);
    return text;
  }
}
