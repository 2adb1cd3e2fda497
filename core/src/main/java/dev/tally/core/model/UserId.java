package dev.tally.core.model;

/** A user of an organisation; says who in a customer org made a use. */
public record UserId(String value) {
  public UserId {
    Ids.check(value, "user id");
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
