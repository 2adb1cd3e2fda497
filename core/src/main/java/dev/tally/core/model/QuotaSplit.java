package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How a use divides between a subscription's quota and its overage. The in-quota part costs the
 * balance nothing; the overage part is charged.
 */
public record QuotaSplit(Quantity inQuota, Quantity overage) {

  public QuotaSplit {
    checkNotNull(inQuota, "in-quota part");
    checkNotNull(overage, "overage part");
    checkArgument(inQuota.unit().equals(overage.unit()), "parts of a split have one unit");
  }

  public Quantity total() {
    return inQuota.plus(overage);
  }

  public boolean hasOverage() {
    return overage.isPositive();
  }
}
