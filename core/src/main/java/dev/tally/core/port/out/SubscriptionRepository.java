package dev.tally.core.port.out;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores {@link Subscription}s ({@code product_subscription}). */
public interface SubscriptionRepository {
  void insert(Subscription subscription);

  void update(Subscription subscription);

  /** Updates each subscription, as {@link #update} does, in one round trip where allowed. */
  default void updateAll(Collection<Subscription> subscriptions) {
    subscriptions.forEach(this::update);
  }

  Optional<Subscription> find(SubscriptionId id);

  /** Reads a subscription and holds it until the unit of work ends. */
  Optional<Subscription> lock(SubscriptionId id);

  /**
   * The org's active or suspended subscription to the product, if any. There is at most one: the
   * use cases create and revive subscriptions only while holding the org's balance lock.
   */
  Optional<Subscription> findCurrent(OrgId orgId, ProductId productId);

  /** Like {@link #findCurrent}, holding the row until the unit of work ends. */
  Optional<Subscription> lockCurrent(OrgId orgId, ProductId productId);

  /**
   * The current subscriptions of any of {@code orgIds} to any of {@code productIds}, held until the
   * unit of work ends: what a group of uses may count against. The default asks pair by pair; a
   * database locks them in one statement, in id order, so that two groups never wait in a circle.
   */
  default List<Subscription> lockCurrentAll(
      Collection<OrgId> orgIds, Collection<ProductId> productIds) {
    List<Subscription> locked = new ArrayList<>();
    for (OrgId orgId : Set.copyOf(orgIds)) {
      for (ProductId productId : Set.copyOf(productIds)) {
        lockCurrent(orgId, productId).ifPresent(locked::add);
      }
    }
    return locked;
  }

  /** Matching subscriptions, oldest first. */
  Page<Subscription> list(SubscriptionQuery query, PageRequest page);

  /**
   * Up to {@code limit} active subscriptions whose period ended at or before {@code now}, earliest
   * end first.
   */
  List<Subscription> findEnded(Instant now, int limit);

  /** How many active or suspended subscriptions the product has. */
  long countCurrent(ProductId productId);
}
