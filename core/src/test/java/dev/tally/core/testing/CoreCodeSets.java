package dev.tally.core.testing;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.Operation;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.SupplierStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The closed sets of core that are stored as codes, by code set id, each with its codes. */
public final class CoreCodeSets {
  /** Each code set id with the codes core stores in it. */
  public static final Map<String, List<String>> CODES =
      ImmutableMap.<String, List<String>>builder()
          .put("balance_status", codes(BalanceStatus.values(), BalanceStatus::code))
          .put("billing_mode", codes(BillingMode.values(), BillingMode::code))
          .put("hold_status", codes(HoldStatus.values(), HoldStatus::code))
          .put("ledger_operation", codes(Operation.values(), Operation::code))
          .put("link_status", codes(LinkStatus.values(), LinkStatus::code))
          .put("product_status", codes(ProductStatus.values(), ProductStatus::code))
          .put("resource_status", codes(ResourceStatus.values(), ResourceStatus::code))
          .put("resource_type", codes(ResourceType.values(), ResourceType::code))
          .put("subscription_status", codes(SubscriptionStatus.values(), SubscriptionStatus::code))
          .put("supplier_status", codes(SupplierStatus.values(), SupplierStatus::code))
          .build();

  private CoreCodeSets() {}

  private static <E> List<String> codes(E[] values, Function<E, String> code) {
    return Arrays.stream(values).map(code).sorted().toList();
  }
}
