package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.Quantity;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.UnitPrice;
import java.util.Optional;

/** Sets the overage terms of a quota-with-overage subscription. */
public record SetOverage(
    SubscriptionId subscriptionId,
    boolean allowOverage,
    Optional<UnitPrice> overageUnitPrice,
    Optional<Quantity> overageCap) {
  public SetOverage {
    checkNotNull(subscriptionId, "subscription id");
    checkNotNull(overageUnitPrice, "overage_unit_price");
    checkNotNull(overageCap, "overage_cap");
  }
}
