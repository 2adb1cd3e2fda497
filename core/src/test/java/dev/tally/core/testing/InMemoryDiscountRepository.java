package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.DiscountRepository;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Customer discounts in memory. Not thread-safe: used under the {@link InMemoryStore}'s lock. */
final class InMemoryDiscountRepository implements DiscountRepository {
  /** The primary key of {@code customer_discount}. */
  private record Key(OrgId reseller, OrgId customer) {}

  private final Table<Key, CustomerDiscount> discounts;

  InMemoryDiscountRepository(InMemoryStore store) {
    this.discounts =
        new Table<>(
            store,
            "customer discount",
            Comparator.comparing((Key key) -> key.reseller().value())
                .thenComparing(key -> key.customer().value()));
  }

  @Override
  public void save(CustomerDiscount discount) {
    checkNotNull(discount, "discount");
    discounts.put(new Key(discount.resellerOrgId(), discount.customerOrgId()), discount);
  }

  @Override
  public Optional<CustomerDiscount> find(OrgId resellerOrgId, OrgId customerOrgId) {
    return discounts.find(new Key(resellerOrgId, customerOrgId));
  }

  @Override
  public Map<OrgId, CustomerDiscount> findAllOf(OrgId resellerOrgId) {
    return discounts.stream()
        .filter(discount -> discount.resellerOrgId().equals(resellerOrgId))
        .collect(Collectors.toMap(CustomerDiscount::customerOrgId, discount -> discount));
  }

  @Override
  public boolean delete(OrgId resellerOrgId, OrgId customerOrgId) {
    return discounts.delete(new Key(resellerOrgId, customerOrgId));
  }

  @Override
  public Page<CustomerDiscount> list(
      Optional<OrgId> resellerOrgId, Optional<OrgId> customerOrgId, PageRequest page) {
    return Pages.of(
        discounts.stream()
            .filter(d -> resellerOrgId.map(d.resellerOrgId()::equals).orElse(true))
            .filter(d -> customerOrgId.map(d.customerOrgId()::equals).orElse(true))
            .toList(),
        page);
  }
}
