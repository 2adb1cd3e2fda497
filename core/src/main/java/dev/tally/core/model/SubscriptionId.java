package dev.tally.core.model;

/** Identifies a {@link Subscription}. */
public record SubscriptionId(String value) {
  public SubscriptionId {
    Ids.check(value, "subscription id");
  }

  public static SubscriptionId of(String value) {
    return new SubscriptionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
