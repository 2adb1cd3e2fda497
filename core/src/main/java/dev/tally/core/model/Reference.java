package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.CharMatcher;

/**
 * What a ledger transaction is about: a usage row, a hold, a subscription, or an external payment
 * reference of a recharge. Lets every charge be traced to exactly one transaction.
 */
public record Reference(String type, String id) {
  private static final TextShape TYPE =
      TextShape.of(CharMatcher.inRange('a', 'z').or(CharMatcher.is('_')), 1, 16);
  private static final TextShape ID = TextShape.lettersDigitsAnd("_.:@/-", 1, 64);

  public static final String USAGE = "usage";
  public static final String HOLD = "hold";
  public static final String SUBSCRIPTION = "subscription";
  public static final String RECHARGE = "recharge";
  public static final String ADJUSTMENT = "adjustment";

  public Reference {
    checkNotNull(type, "reference type");
    checkArgument(TYPE.matches(type), "reference type is malformed: '%s'", type);
    checkNotNull(id, "reference id");
    checkArgument(
        ID.matches(id),
        "reference must be 1 to 64 letters, digits or _.:@/- characters: '%s'",
        id);
  }

  public static Reference usage(UsageId id) {
    return new Reference(USAGE, id.value());
  }

  public static Reference hold(HoldId id) {
    return new Reference(HOLD, id.value());
  }

  public static Reference subscription(SubscriptionId id) {
    return new Reference(SUBSCRIPTION, id.value());
  }

  @Override
  public String toString() {
    return type + ":" + id;
  }
}
