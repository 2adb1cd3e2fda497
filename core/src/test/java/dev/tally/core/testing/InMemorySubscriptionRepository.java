package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.port.out.SubscriptionRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions in memory, indexed by (org, product) for the current-subscription lookups and, for
 * the active ones, by period end for the renewal sweep. Every unit of work of the store is
 * serialized, so the {@code lock...} methods are plain reads. Not thread-safe: used under the
 * {@link InMemoryStore}'s lock.
 */
final class InMemorySubscriptionRepository implements SubscriptionRepository {
  private static final Comparator<Subscription> OLDEST_FIRST =
      Comparator.comparing(Subscription::createdAt)
          .thenComparing(subscription -> subscription.id().value());

  private final Table<SubscriptionId, Subscription> subscriptions;
  private final Table<OrgProduct, ImmutableList<SubscriptionId>> byOrgAndProduct;
  private final Table<PeriodEnd, Subscription> activeByPeriodEnd;

  InMemorySubscriptionRepository(InMemoryStore store) {
    this.subscriptions = new Table<>(store, "subscription");
    this.byOrgAndProduct = new Table<>(store, "subscriptions of an org and product");
    this.activeByPeriodEnd =
        new Table<>(
            store,
            "active subscription",
            Comparator.comparing(PeriodEnd::periodEnd).thenComparing(end -> end.id().value()));
  }

  private record OrgProduct(OrgId orgId, ProductId productId) {
    static OrgProduct of(Subscription subscription) {
      return new OrgProduct(subscription.orgId(), subscription.productId());
    }
  }

  private record PeriodEnd(Instant periodEnd, SubscriptionId id) {
    static PeriodEnd of(Subscription subscription) {
      return new PeriodEnd(subscription.periodEnd(), subscription.id());
    }
  }

  @Override
  public void insert(Subscription subscription) {
    checkNotNull(subscription, "subscription");
    subscriptions.insert(subscription.id(), subscription);
    addToOrgAndProduct(subscription);
    if (subscription.status() == SubscriptionStatus.ACTIVE) {
      activeByPeriodEnd.insert(PeriodEnd.of(subscription), subscription);
    }
  }

  @Override
  public void update(Subscription subscription) {
    checkNotNull(subscription, "subscription");
    Optional<Subscription> current = subscriptions.find(subscription.id());
    checkState(current.isPresent(), "no subscription to update: %s", subscription.id());
    Subscription before = current.get();
    subscriptions.update(subscription.id(), subscription);
    if (!OrgProduct.of(before).equals(OrgProduct.of(subscription))) {
      removeFromOrgAndProduct(before);
      addToOrgAndProduct(subscription);
    }
    if (before.status() == SubscriptionStatus.ACTIVE) {
      activeByPeriodEnd.delete(PeriodEnd.of(before));
    }
    if (subscription.status() == SubscriptionStatus.ACTIVE) {
      activeByPeriodEnd.put(PeriodEnd.of(subscription), subscription);
    }
  }

  private void addToOrgAndProduct(Subscription subscription) {
    OrgProduct key = OrgProduct.of(subscription);
    ImmutableList<SubscriptionId> ids = byOrgAndProduct.find(key).orElse(ImmutableList.of());
    byOrgAndProduct.put(
        key,
        ImmutableList.<SubscriptionId>builder().addAll(ids).add(subscription.id()).build());
  }

  private void removeFromOrgAndProduct(Subscription subscription) {
    OrgProduct key = OrgProduct.of(subscription);
    ImmutableList<SubscriptionId> ids = byOrgAndProduct.find(key).orElse(ImmutableList.of());
    byOrgAndProduct.put(
        key,
        ids.stream()
            .filter(id -> !id.equals(subscription.id()))
            .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public Optional<Subscription> find(SubscriptionId id) {
    return subscriptions.find(id);
  }

  @Override
  public Optional<Subscription> lock(SubscriptionId id) {
    return subscriptions.find(id);
  }

  @Override
  public Optional<Subscription> findCurrent(OrgId orgId, ProductId productId) {
    return byOrgAndProduct.find(new OrgProduct(orgId, productId)).orElse(ImmutableList.of())
        .stream()
        .map(id -> subscriptions.find(id).orElseThrow())
        .filter(Subscription::isCurrent)
        .min(OLDEST_FIRST);
  }

  @Override
  public Optional<Subscription> lockCurrent(OrgId orgId, ProductId productId) {
    return findCurrent(orgId, productId);
  }

  @Override
  public Page<Subscription> list(SubscriptionQuery query, PageRequest page) {
    checkNotNull(query, "query");
    return Pages.of(
        subscriptions.stream()
            .filter(subscription -> query.orgId().map(subscription.orgId()::equals).orElse(true))
            .filter(
                subscription ->
                    query.productId().map(subscription.productId()::equals).orElse(true))
            .filter(
                subscription ->
                    query.status().map(status -> subscription.status() == status).orElse(true))
            .sorted(OLDEST_FIRST)
            .toList(),
        page);
  }

  @Override
  public List<Subscription> findEnded(Instant now, int limit) {
    checkNotNull(now, "now");
    checkArgument(limit >= 0, "limit is negative: %s", limit);
    return activeByPeriodEnd.stream()
        .takeWhile(subscription -> !subscription.periodEnd().isAfter(now))
        .limit(limit)
        .toList();
  }

  @Override
  public long countCurrent(ProductId productId) {
    checkNotNull(productId, "product id");
    return subscriptions.stream()
        .filter(subscription -> subscription.productId().equals(productId))
        .filter(Subscription::isCurrent)
        .count();
  }
}
