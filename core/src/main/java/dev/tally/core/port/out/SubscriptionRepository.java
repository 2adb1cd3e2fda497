package dev.tally.core.port.out;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
