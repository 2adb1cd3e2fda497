package dev.tally.core.model;

/** Lifecycle of a subscription. */
public enum SubscriptionStatus implements Codes.Coded {
  /** In force (within its period, see Subscription#isExpiredAt). */
  ACTIVE("active"),
  /** Paused by an admin; uses are refused. */
  SUSPENDED("suspended"),
  /** Its period ended without renewal. */
  EXPIRED("expired"),
  /** Ended by request; final. */
  CANCELLED("cancelled");

  private final String code;

  SubscriptionStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static SubscriptionStatus fromCode(String code) {
    return Codes.parse(SubscriptionStatus.class, code, "subscription status");
  }
}
