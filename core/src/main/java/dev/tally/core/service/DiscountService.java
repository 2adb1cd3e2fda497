package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.Discounts;
import dev.tally.core.port.in.SetDiscount;
import java.util.Optional;

/** The customer discounts; a use reads them through the {@link CatalogueCache}. */
final class DiscountService implements Discounts {
  private final Environment env;

  private final CatalogueCache catalogue;

  DiscountService(Environment env, CatalogueCache catalogue) {
    this.env = env;
    this.catalogue = catalogue;
  }

  @Override
  public CustomerDiscount set(SetDiscount command) {
    CustomerDiscount discount =
        new CustomerDiscount(
            command.resellerOrgId(), command.customerOrgId(), command.multiplier(), env.now());
    try {
      return env.unitOfWork()
          .inTransaction(
              repos -> {
                repos.discounts().save(discount);
                return discount;
              });
    } finally {
      // also when the commit failed: whether it happened is then unknown
      catalogue.invalidateAll();
    }
  }

  @Override
  public CustomerDiscount discount(OrgId resellerOrgId, OrgId customerOrgId) {
    return env.unitOfWork()
        .inTransaction(
            repos ->
                repos
                    .discounts()
                    .find(resellerOrgId, customerOrgId)
                    .orElseThrow(() -> notFound(resellerOrgId, customerOrgId)));
  }

  @Override
  public Page<CustomerDiscount> discounts(
      Optional<OrgId> resellerOrgId, Optional<OrgId> customerOrgId, PageRequest page) {
    return env.unitOfWork()
        .inTransaction(repos -> repos.discounts().list(resellerOrgId, customerOrgId, page));
  }

  @Override
  public void remove(OrgId resellerOrgId, OrgId customerOrgId) {
    boolean removed;
    try {
      removed =
          env.unitOfWork()
              .inTransaction(repos -> repos.discounts().delete(resellerOrgId, customerOrgId));
    } finally {
      catalogue.invalidateAll();
    }
    if (!removed) {
      throw notFound(resellerOrgId, customerOrgId);
    }
  }

  private static TallyException notFound(OrgId resellerOrgId, OrgId customerOrgId) {
    return TallyException.of(
        ErrorCode.NOT_FOUND,
        "customer %s has no discount with reseller %s",
        customerOrgId,
        resellerOrgId);
  }
}
