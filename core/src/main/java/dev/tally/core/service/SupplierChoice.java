package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which supplier serves a use: among links that are active and whose supplier is active, the one
 * the caller names, or else the lowest priority number, then the lowest unit cost (then the
 * supplier id, so the choice is stable). A resource without any link is served by the reseller
 * itself, at no supplier cost.
 */
final class SupplierChoice {
  private static final Comparator<SupplierLink> PREFERENCE =
      Comparator.comparingInt(SupplierLink::priority)
          .thenComparing(link -> link.unitCost().perUnit())
          .thenComparing(link -> link.supplierOrgId().value());

  private SupplierChoice() {}

  /**
   * @param links the resource's supplier links
   * @param suppliers finds a supplier by org id
   */
  static Optional<SupplierLink> choose(
      List<SupplierLink> links,
      Function<OrgId, Optional<Supplier>> suppliers,
      ProductResource resource,
      Optional<OrgId> named) {
    if (links.isEmpty() && named.isEmpty()) {
      return Optional.empty();
    }
    List<SupplierLink> eligible =
        links.stream()
            .filter(SupplierLink::isActive)
            .filter(
                link -> suppliers.apply(link.supplierOrgId()).filter(Supplier::isActive).isPresent())
            .toList();
    if (named.isPresent()) {
      return Optional.of(
          eligible.stream()
              .filter(link -> link.supplierOrgId().equals(named.get()))
              .findFirst()
              .orElseThrow(
                  () ->
                      TallyException.of(
                          ErrorCode.SUPPLIER_UNAVAILABLE,
                          "supplier %s has no active link to resource %s",
                          named.get(),
                          resource.id())));
    }
    return Optional.of(
        eligible.stream()
            .min(PREFERENCE)
            .orElseThrow(
                () ->
                    TallyException.of(
                        ErrorCode.SUPPLIER_UNAVAILABLE,
                        "no active supplier can serve resource %s: its %s link(s) or their"
                            + " suppliers are inactive",
                        resource.id(),
                        links.size())));
  }
}
