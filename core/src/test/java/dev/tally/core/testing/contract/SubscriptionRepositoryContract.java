package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.activeSubscription;
import static dev.tally.core.testing.Samples.calls;
import static dev.tally.core.testing.Samples.cny;
import static dev.tally.core.testing.Samples.instant;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static dev.tally.core.testing.Samples.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.QuotaSplit;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.SubscriptionRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubscriptionRepository} does: it round-trips every field, finds the current
 * (active or suspended) subscription of an org and product, lists oldest first with filters and
 * totals, finds active subscriptions whose period ended, and counts a product's current
 * subscriptions. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes one
 * instance per test.
 */
public abstract class SubscriptionRepositoryContract {
  private static final OrgId ORG_1 = OrgId.of("org-1");
  private static final ProductId P1 = ProductId.of("p1");

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<SubscriptionRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.subscriptions());
          return null;
        });
  }

  private <T> T read(Function<SubscriptionRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.subscriptions()));
  }

  private Optional<Subscription> find(SubscriptionId id) {
    return read(subscriptions -> subscriptions.find(id));
  }

  private Optional<Subscription> lock(SubscriptionId id) {
    return read(subscriptions -> subscriptions.lock(id));
  }

  private Optional<Subscription> findCurrent(OrgId orgId, ProductId productId) {
    return read(subscriptions -> subscriptions.findCurrent(orgId, productId));
  }

  private Optional<Subscription> lockCurrent(OrgId orgId, ProductId productId) {
    return read(subscriptions -> subscriptions.lockCurrent(orgId, productId));
  }

  private List<Subscription> findEnded(Instant now, int limit) {
    return read(subscriptions -> subscriptions.findEnded(now, limit));
  }

  private long countCurrent(ProductId productId) {
    return read(subscriptions -> subscriptions.countCurrent(productId));
  }

  private void insert(Subscription... subscriptions) {
    write(repository -> List.of(subscriptions).forEach(repository::insert));
  }

  @Test
  public void roundTripsEveryFieldOfASubscription() {
    Subscription subscription = activeSubscription("s1", "org-1", "p1");
    insert(subscription);

    assertThat(find(subscription.id())).contains(subscription);
  }

  @Test
  public void roundTripsASubscriptionWithoutOverageTerms() {
    Instant start = instant("2026-02-28T23:59:59.999999Z");
    Subscription subscription =
        new Subscription(
            SubscriptionId.of("s1"),
            ProductId.of("p7"),
            UserId.of("user-7"),
            OrgId.of("org-7"),
            BillingMode.QUOTA,
            calls("300"),
            calls("0"),
            start,
            Subscription.periodEndFrom(start, Period.ofDays(7)),
            Period.ofDays(7),
            false,
            Optional.empty(),
            Optional.empty(),
            calls("0"),
            SubscriptionStatus.EXPIRED,
            false,
            cny("0"),
            instant("2026-02-27T10:00:00.000001Z"));
    insert(subscription);

    assertThat(find(subscription.id())).contains(subscription);
  }

  @Test
  public void findsNoSubscriptionForAnUnknownId() {
    insert(activeSubscription("s1", "org-1", "p1"));

    assertThat(find(SubscriptionId.of("s2"))).isEmpty();
    assertThat(lock(SubscriptionId.of("s2"))).isEmpty();
  }

  @Test
  public void refusesASecondSubscriptionWithTheSameId() {
    insert(activeSubscription("s1", "org-1", "p1"));

    assertThatThrownBy(() -> insert(activeSubscription("s1", "org-2", "p2")))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(SubscriptionId.of("s1"))).contains(activeSubscription("s1", "org-1", "p1"));
  }

  @Test
  public void updatesASubscriptionAfterAUseARenewalAndASuspension() {
    Subscription subscription = activeSubscription("s1", "org-1", "p1");
    insert(subscription);
    Subscription used = subscription.consumed(new QuotaSplit(tokens("100.25"), tokens("3")));
    write(subscriptions -> subscriptions.update(used));
    assertThat(find(used.id())).contains(used);

    Subscription renewed =
        used.renewedFrom(used.periodEnd())
            .withOverage(false, Optional.empty(), Optional.empty())
            .withStatus(SubscriptionStatus.SUSPENDED);
    write(subscriptions -> subscriptions.update(renewed));

    assertThat(find(renewed.id())).contains(renewed);
  }

  @Test
  public void refusesToUpdateAMissingSubscription() {
    Subscription subscription = activeSubscription("s1", "org-1", "p1");

    assertThatThrownBy(() -> write(subscriptions -> subscriptions.update(subscription)))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(subscription.id())).isEmpty();
  }

  @Test
  public void locksASubscriptionById() {
    Subscription subscription = activeSubscription("s1", "org-1", "p1");
    insert(subscription);

    assertThat(lock(subscription.id())).contains(subscription);
  }

  @Test
  public void findsACurrentSubscriptionByOrgAndProduct() {
    OrgId org2 = OrgId.of("org-2");
    ProductId p2 = ProductId.of("p2");
    Subscription current = activeSubscription("s1", "org-1", "p1");
    insert(
        current, activeSubscription("s2", "org-1", "p2"), activeSubscription("s3", "org-2", "p1"));

    assertThat(findCurrent(ORG_1, P1)).contains(current);
    assertThat(lockCurrent(ORG_1, P1)).contains(current);
    assertThat(findCurrent(org2, P1)).contains(activeSubscription("s3", "org-2", "p1"));
    assertThat(findCurrent(org2, p2)).isEmpty();
    assertThat(lockCurrent(org2, p2)).isEmpty();
  }

  @Test
  public void locksTheCurrentSubscriptionsOfSeveralOrgsAndProductsAtOnce() {
    Subscription org1p1 = activeSubscription("s1", "org-1", "p1");
    Subscription org2p2 =
        activeSubscription("s4", "org-2", "p2").withStatus(SubscriptionStatus.SUSPENDED);
    insert(
        org1p1,
        activeSubscription("s2", "org-1", "p3"),
        activeSubscription("s3", "org-2", "p1", minutesAfterT0(1))
            .withStatus(SubscriptionStatus.CANCELLED),
        org2p2,
        activeSubscription("s5", "org-3", "p1"));

    List<Subscription> locked =
        read(
            subscriptions ->
                subscriptions.lockCurrentAll(
                    List.of(ORG_1, OrgId.of("org-2"), ORG_1), List.of(P1, ProductId.of("p2"))));

    assertThat(locked).containsExactlyInAnyOrder(org1p1, org2p2);
    List<Subscription> none =
        read(subscriptions -> subscriptions.lockCurrentAll(List.of(), List.of(P1)));
    assertThat(none).isEmpty();
  }

  @Test
  public void findsASuspendedSubscriptionAsCurrent() {
    Subscription suspended =
        activeSubscription("s1", "org-1", "p1").withStatus(SubscriptionStatus.SUSPENDED);
    insert(suspended);

    assertThat(findCurrent(ORG_1, P1)).contains(suspended);
    assertThat(lockCurrent(ORG_1, P1)).contains(suspended);
  }

  @Test
  public void passesOverExpiredAndCancelledSubscriptionsWhenLookingForTheCurrentOne() {
    Subscription current = activeSubscription("s3", "org-1", "p1", minutesAfterT0(2));
    insert(
        activeSubscription("s1", "org-1", "p1").withStatus(SubscriptionStatus.EXPIRED),
        activeSubscription("s2", "org-1", "p1", minutesAfterT0(1))
            .withStatus(SubscriptionStatus.CANCELLED),
        current,
        activeSubscription("s4", "org-1", "p2").withStatus(SubscriptionStatus.CANCELLED));

    assertThat(findCurrent(ORG_1, P1)).contains(current);
    assertThat(lockCurrent(ORG_1, P1)).contains(current);
    assertThat(findCurrent(ORG_1, ProductId.of("p2"))).isEmpty();
  }

  @Test
  public void followsTheCurrentSubscriptionThroughStatusChanges() {
    Subscription first = activeSubscription("s1", "org-1", "p1");
    insert(first);
    write(subscriptions -> subscriptions.update(first.withStatus(SubscriptionStatus.CANCELLED)));
    assertThat(findCurrent(ORG_1, P1)).isEmpty();

    Subscription second = activeSubscription("s2", "org-1", "p1", minutesAfterT0(5));
    insert(second);

    assertThat(findCurrent(ORG_1, P1)).contains(second);
  }

  @Test
  public void listsSubscriptionsOldestFirstWithTotal() {
    Subscription newest = activeSubscription("s1", "org-1", "p1", minutesAfterT0(3));
    Subscription tiedB = activeSubscription("s3", "org-2", "p1", minutesAfterT0(2));
    Subscription tiedA = activeSubscription("s2", "org-3", "p1", minutesAfterT0(2));
    Subscription oldest = activeSubscription("s4", "org-4", "p1", T0);
    insert(newest, tiedB, tiedA, oldest);

    Page<Subscription> page =
        read(subscriptions -> subscriptions.list(SubscriptionQuery.ALL, PageRequest.first(10)));

    assertThat(page.items()).containsExactly(oldest, tiedA, tiedB, newest);
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  public void filtersSubscriptionsByOrgProductAndStatus() {
    Subscription org1p1 = activeSubscription("s1", "org-1", "p1", T0);
    Subscription org1p2 =
        activeSubscription("s2", "org-1", "p2", minutesAfterT0(1))
            .withStatus(SubscriptionStatus.SUSPENDED);
    Subscription org2p1 =
        activeSubscription("s3", "org-2", "p1", minutesAfterT0(2))
            .withStatus(SubscriptionStatus.EXPIRED);
    Subscription org2p2 = activeSubscription("s4", "org-2", "p2", minutesAfterT0(3));
    insert(org1p1, org1p2, org2p1, org2p2);

    assertThat(list(Optional.of("org-1"), Optional.empty(), Optional.empty()))
        .containsExactly(org1p1, org1p2);
    assertThat(list(Optional.empty(), Optional.of("p1"), Optional.empty()))
        .containsExactly(org1p1, org2p1);
    assertThat(list(Optional.empty(), Optional.empty(), Optional.of(SubscriptionStatus.ACTIVE)))
        .containsExactly(org1p1, org2p2);
    assertThat(list(Optional.of("org-2"), Optional.of("p2"), Optional.empty()))
        .containsExactly(org2p2);
    assertThat(
            list(Optional.of("org-2"), Optional.of("p1"), Optional.of(SubscriptionStatus.ACTIVE)))
        .isEmpty();
    assertThat(
            list(Optional.empty(), Optional.empty(), Optional.of(SubscriptionStatus.CANCELLED)))
        .isEmpty();
  }

  private List<Subscription> list(
      Optional<String> org, Optional<String> product, Optional<SubscriptionStatus> status) {
    SubscriptionQuery query =
        new SubscriptionQuery(org.map(OrgId::of), product.map(ProductId::of), status);
    return read(subscriptions -> subscriptions.list(query, PageRequest.first(10))).items();
  }

  @Test
  public void pagesSubscriptionsWithTheTotalOfEveryMatch() {
    for (int i = 1; i <= 5; i++) {
      insert(activeSubscription("s" + i, "org-" + i, "p1", minutesAfterT0(i)));
    }
    insert(activeSubscription("s9", "org-9", "p2", T0));
    SubscriptionQuery ofP1 =
        new SubscriptionQuery(Optional.empty(), Optional.of(P1), Optional.empty());

    Page<Subscription> second =
        read(subscriptions -> subscriptions.list(ofP1, new PageRequest(2, 2)));
    Page<Subscription> beyond =
        read(subscriptions -> subscriptions.list(ofP1, new PageRequest(4, 2)));

    assertThat(second.items())
        .extracting(Subscription::id)
        .containsExactly(SubscriptionId.of("s3"), SubscriptionId.of("s4"));
    assertThat(second.total()).isEqualTo(5);
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
  }

  @Test
  public void findsActiveSubscriptionsWhosePeriodEndedAtOrBeforeNow() {
    Subscription endsNow = activeSubscription("s1", "org-1", "p1", T0);
    Instant now = endsNow.periodEnd();
    Subscription endedEarlier = activeSubscription("s2", "org-2", "p1", T0.minusSeconds(60));
    Subscription endsLater = activeSubscription("s3", "org-3", "p1", T0.plusNanos(1_000));
    Subscription suspended =
        activeSubscription("s4", "org-4", "p1", T0.minusSeconds(60))
            .withStatus(SubscriptionStatus.SUSPENDED);
    Subscription expired =
        activeSubscription("s5", "org-5", "p1", T0.minusSeconds(60))
            .withStatus(SubscriptionStatus.EXPIRED);
    insert(endsNow, endedEarlier, endsLater, suspended, expired);

    assertThat(findEnded(now, 10)).containsExactlyInAnyOrder(endsNow, endedEarlier);
    assertThat(findEnded(now.minusNanos(1_000), 10)).containsExactly(endedEarlier);
  }

  @Test
  public void findsNoMoreEndedSubscriptionsThanTheLimit() {
    List<Subscription> ended =
        List.of(
            activeSubscription("s1", "org-1", "p1", T0),
            activeSubscription("s2", "org-2", "p1", T0),
            activeSubscription("s3", "org-3", "p1", T0));
    write(subscriptions -> ended.forEach(subscriptions::insert));
    Instant now = ended.get(0).periodEnd().plusSeconds(1);

    List<Subscription> found = read(subscriptions -> subscriptions.findEnded(now, 2));

    assertThat(found).hasSize(2).isSubsetOf(ended).doesNotHaveDuplicates();
  }

  @Test
  public void stopsFindingASubscriptionOnceRenewed() {
    Subscription subscription = activeSubscription("s1", "org-1", "p1", T0);
    insert(subscription);
    Instant now = subscription.periodEnd();

    write(subscriptions -> subscriptions.update(subscription.renewedFrom(now)));

    assertThat(findEnded(now, 10)).isEmpty();
  }

  @Test
  public void countsTheActiveAndSuspendedSubscriptionsOfAProduct() {
    insert(
        activeSubscription("s1", "org-1", "p1"),
        activeSubscription("s2", "org-2", "p1").withStatus(SubscriptionStatus.SUSPENDED),
        activeSubscription("s3", "org-3", "p1").withStatus(SubscriptionStatus.EXPIRED),
        activeSubscription("s4", "org-4", "p1").withStatus(SubscriptionStatus.CANCELLED),
        activeSubscription("s5", "org-5", "p2"));

    assertThat(countCurrent(P1)).isEqualTo(2);
    assertThat(countCurrent(ProductId.of("p2"))).isEqualTo(1);
    assertThat(countCurrent(ProductId.of("p3"))).isZero();
  }
}
