package dev.tally.core.simulation;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.QuotaSplit;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.service.CoreSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code product_use} should do, worked out from DESIGN.md's rules and the state before it:
 * refused with which code, or accepted with which subscription (renewed or not), quota split,
 * charge, supplier and cost. It follows the order in which the rules are checked (suspension,
 * subscription, period, resource, quota, price, balance, supplier), so that the first broken rule
 * names the expected code. Stateless apart from the catalogue it prices with.
 */
final class UseModel {
  private static final ZoneId BUSINESS_ZONE = CoreSettings.DEFAULTS.businessZone();

  /** The expected outcome of one use. */
  sealed interface Forecast permits Refused, Accepted {}

  /** The use should be refused with {@code code}, because of {@code why}. */
  record Refused(ErrorCode code, String why) implements Forecast {}

  /**
   * The use should be accepted.
   *
   * @param payer the subscription it counts against, after any renewal
   * @param renewed true when the use renews an ended auto-renewing subscription
   * @param after the quota subscription after the use, when the use draws on its quota
   */
  record Accepted(
      ProductResource resource,
      Optional<Subscription> payer,
      boolean renewed,
      Optional<Subscription> after,
      BillingMode mode,
      Quantity inQuota,
      Quantity overage,
      Money charge,
      Optional<Catalogue.Link> supplier,
      LedgerAmount totalCost,
      Instant useTime,
      LocalDate bizDate)
      implements Forecast {}

  private final Catalogue catalogue;

  UseModel(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  Forecast forecast(
      UseCommand use,
      Map<SubscriptionId, Subscription> subscriptions,
      Customer customer,
      BigDecimal held,
      BigDecimal discount,
      Instant now) {
    if (customer.opened && customer.suspended) {
      return new Refused(ErrorCode.CUSTOMER_SUSPENDED, "the customer is suspended");
    }
    Instant useTime = use.useTime().orElse(now);
    BigDecimal available = customer.available(held);
    Optional<Subscription> found =
        use.subscriptionId().isPresent()
            ? Optional.of(subscriptions.get(use.subscriptionId().get()))
            : current(subscriptions.values(), use.orgId(), use.productId().orElseThrow());
    Subscription payer = null;
    boolean renewed = false;
    if (found.isPresent()) {
      payer = found.get();
      if (payer.status() != SubscriptionStatus.ACTIVE) {
        return new Refused(
            ErrorCode.SUBSCRIPTION_INACTIVE, "the subscription is " + payer.status());
      }
      if (!now.isBefore(payer.periodEnd())) {
        if (!payer.autoRenew()) {
          if (use.subscriptionId().isPresent()) {
            return new Refused(ErrorCode.SUBSCRIPTION_INACTIVE, "the named subscription ended");
          }
          payer = null;
        } else if (!customer.opened) {
          return new Refused(ErrorCode.SUBSCRIPTION_INACTIVE, "no balance to pay the renewal");
        } else if (payer.fee().isPositive() && available.compareTo(payer.fee().amount()) < 0) {
          return new Refused(ErrorCode.SUBSCRIPTION_INACTIVE, "the renewal fee cannot be paid");
        } else {
          available = available.subtract(payer.fee().amount());
          payer = payer.renewedFrom(continuationStart(payer, now));
          renewed = true;
        }
      }
      if (payer != null
          && (useTime.isBefore(payer.periodStart()) || !useTime.isBefore(payer.periodEnd()))) {
        return new Refused(ErrorCode.OUTSIDE_PERIOD, "use_time is outside the period");
      }
    }
    ProductId productId = use.productId().orElseThrow();
    List<ProductResource> candidates =
        catalogue.resources(productId).stream()
            .filter(r -> use.resourceId().map(r.id()::equals).orElse(true))
            .filter(r -> use.resourceType().map(r.resourceType()::equals).orElse(true))
            .toList();
    if (candidates.size() > 1) {
      return new Refused(ErrorCode.RESOURCE_AMBIGUOUS, "the product has several resources");
    }
    ProductResource resource = candidates.get(0);
    boolean quota =
        payer != null
            && payer.billingMode() != BillingMode.PAY_PER_USE
            && payer.quotaUnit().equals(resource.usedUnit());
    if (payer == null && resource.billingMode() != BillingMode.PAY_PER_USE) {
      return new Refused(ErrorCode.NO_SUBSCRIPTION, "no subscription and not pay-per-use");
    }
    BigDecimal used = use.used().amount();
    BigDecimal inQuota = BigDecimal.ZERO;
    BigDecimal overage = BigDecimal.ZERO;
    if (quota) {
      BigDecimal remaining =
          payer.quotaTotal().amount().subtract(payer.quotaUsed().amount()).max(BigDecimal.ZERO);
      inQuota = used.min(remaining);
      overage = used.subtract(inQuota);
      if (overage.signum() > 0) {
        if (payer.billingMode() != BillingMode.QUOTA_WITH_OVERAGE || !payer.allowOverage()) {
          return new Refused(ErrorCode.QUOTA_EXCEEDED, "beyond the quota without overage");
        }
        if (payer.overageCap().isPresent()
            && payer
                    .overageUsed()
                    .amount()
                    .add(overage)
                    .compareTo(payer.overageCap().get().amount())
                > 0) {
          return new Refused(ErrorCode.QUOTA_EXCEEDED, "beyond the overage cap");
        }
      }
    }
    LocalDate bizDate = LocalDate.ofInstant(useTime, BUSINESS_ZONE);
    BigDecimal charge;
    if (!quota) {
      Optional<BigDecimal> price = catalogue.exactSellPrice(resource, use, bizDate);
      if (price.isEmpty()) {
        return new Refused(ErrorCode.PRICE_NOT_FOUND, "no price on " + bizDate);
      }
      charge = price.get();
    } else if (overage.signum() == 0) {
      charge = BigDecimal.ZERO;
    } else if (payer.overageUnitPrice().isPresent()) {
      charge = payer.overageUnitPrice().get().perUnit().multiply(overage);
    } else {
      Optional<BigDecimal> price = catalogue.exactSellPrice(resource, use, bizDate);
      if (price.isEmpty()) {
        return new Refused(ErrorCode.PRICE_NOT_FOUND, "no price on " + bizDate);
      }
      // the documented intermediate precision (Rounding.INTERMEDIATE_SCALE), then one rounding
      charge = price.get().multiply(overage).divide(used, 20, RoundingMode.HALF_UP);
    }
    // the customer's discount after the programme's, then the one rounding to 6 decimals
    charge = charge.multiply(discount).setScale(6, RoundingMode.HALF_UP);
    if (charge.signum() > 0) {
      if (!customer.opened) {
        return new Refused(ErrorCode.INSUFFICIENT_BALANCE, "no balance to charge");
      }
      if (available.compareTo(charge) < 0) {
        return new Refused(
            ErrorCode.INSUFFICIENT_BALANCE, "available " + available + " < " + charge);
      }
      if (resource.minBalance().isPresent()
          && available.compareTo(resource.minBalance().get().amount()) <= 0) {
        return new Refused(ErrorCode.INSUFFICIENT_BALANCE, "available is not above min_balance");
      }
    }
    Optional<Optional<Catalogue.Link>> supplier =
        catalogue.supplierFor(resource.id(), use.supplierOrgId());
    if (supplier.isEmpty()) {
      return new Refused(ErrorCode.SUPPLIER_UNAVAILABLE, "no eligible supplier");
    }
    LedgerAmount totalCost =
        new LedgerAmount(
            supplier
                .get()
                .map(link -> link.unitCost().perUnit().multiply(used))
                .orElse(BigDecimal.ZERO)
                .setScale(6, RoundingMode.HALF_UP),
            Catalogue.CNY);
    Quantity inQuotaPart = new Quantity(inQuota, use.used().unit());
    Quantity overagePart = new Quantity(overage, use.used().unit());
    Subscription counted = payer;
    return new Accepted(
        resource,
        Optional.ofNullable(payer),
        renewed,
        quota
            ? Optional.of(counted.consumed(new QuotaSplit(inQuotaPart, overagePart)))
            : Optional.empty(),
        quota ? payer.billingMode() : BillingMode.PAY_PER_USE,
        inQuotaPart,
        overagePart,
        new Money(charge, Catalogue.CNY),
        supplier.get(),
        totalCost,
        useTime,
        bizDate);
  }

  /** The org's current (active or suspended) subscription to the product: the oldest one. */
  static Optional<Subscription> current(
      Collection<Subscription> subscriptions, OrgId org, ProductId product) {
    return subscriptions.stream()
        .filter(s -> s.orgId().equals(org) && s.productId().equals(product))
        .filter(
            s ->
                s.status() == SubscriptionStatus.ACTIVE
                    || s.status() == SubscriptionStatus.SUSPENDED)
        .min(Comparator.comparing(Subscription::createdAt).thenComparing(s -> s.id().value()));
  }

  /**
   * Where an auto-renewal continues: the period boundary after the ended period (boundaries every
   * {@code period} from the old end) whose period contains {@code now}.
   */
  static Instant continuationStart(Subscription subscription, Instant now) {
    Instant start = subscription.periodEnd();
    Instant end = Subscription.periodEndFrom(start, subscription.period());
    while (!now.isBefore(end)) {
      start = end;
      end = Subscription.periodEndFrom(start, subscription.period());
    }
    return start;
  }
}
