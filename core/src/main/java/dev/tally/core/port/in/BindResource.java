package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Ids;
import dev.tally.core.model.Money;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import java.util.Optional;

/** Binds a resource into a product with how it is sold (a unit price or a pricing program). */
public record BindResource(
    ProductId productId,
    ResourceType resourceType,
    String resourceRefId,
    BillingMode billingMode,
    Unit usedUnit,
    Optional<UnitPrice> unitPrice,
    Optional<PricingProgramId> pricingProgramId,
    Optional<Money> minBalance) {

  public BindResource {
    checkNotNull(productId, "product_id");
    checkNotNull(resourceType, "resource_type");
    resourceRefId = Ids.check(resourceRefId, "resource_ref_id");
    checkNotNull(billingMode, "billing_mode");
    checkNotNull(usedUnit, "used_unit");
    checkNotNull(unitPrice, "unit_price");
    checkNotNull(pricingProgramId, "pricing_program_id");
    checkArgument(
        unitPrice.isPresent() || pricingProgramId.isPresent(),
        "a resource needs a unit_price or a pricing_program_id");
    checkNotNull(minBalance, "min_balance");
    minBalance.ifPresent(
        min -> checkArgument(!min.isNegative(), "min_balance must not be negative: %s", min));
  }
}
