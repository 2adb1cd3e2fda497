package dev.tally.core.model;

/** Identifies a {@link Hold}. */
public record HoldId(String value) {
  public HoldId {
    Ids.check(value, "hold id");
  }

  public static HoldId of(String value) {
    return new HoldId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
