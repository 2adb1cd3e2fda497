package dev.tally.core.model;

/** Identifies a {@link UsageRecord} (a row of the usage log). */
public record UsageId(String value) {
  public UsageId {
    Ids.check(value, "usage id");
  }

  public static UsageId of(String value) {
    return new UsageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
