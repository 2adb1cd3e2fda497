package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.Discounts;
import dev.tally.core.port.in.SetDiscount;
import dev.tally.core.port.out.Repositories;
import java.math.BigDecimal;
import java.util.Optional;

/** The customer discounts, each read by a use in the use's own unit of work. */
final class DiscountService implements Discounts {
  private final Environment env;

  DiscountService(Environment env) {
    this.env = env;
  }

  @Override
  public CustomerDiscount set(SetDiscount command) {
    CustomerDiscount discount =
        new CustomerDiscount(
            command.resellerOrgId(), command.customerOrgId(), command.multiplier(), env.now());
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              repos.discounts().save(discount);
              return discount;
            });
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
    boolean removed =
        env.unitOfWork()
            .inTransaction(repos -> repos.discounts().delete(resellerOrgId, customerOrgId));
    if (!removed) {
      throw notFound(resellerOrgId, customerOrgId);
    }
  }

  /** The multiplier of a customer's charges with a reseller: its discount, or 1 without one. */
  static BigDecimal multiplier(Repositories repos, OrgId resellerOrgId, OrgId customerOrgId) {
    return repos
        .discounts()
        .find(resellerOrgId, customerOrgId)
        .map(CustomerDiscount::multiplier)
        .orElse(BigDecimal.ONE);
  }

  private static TallyException notFound(OrgId resellerOrgId, OrgId customerOrgId) {
    return TallyException.of(
        ErrorCode.NOT_FOUND,
        "customer %s has no discount with reseller %s",
        customerOrgId,
        resellerOrgId);
  }
}
