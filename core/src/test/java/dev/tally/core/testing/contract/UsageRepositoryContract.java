package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.calls;
import static dev.tally.core.testing.Samples.instant;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static dev.tally.core.testing.Samples.tokens;
import static dev.tally.core.testing.Samples.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsGrouping;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.port.out.UsageRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageRepository} does: it round-trips every field, refuses a second row with
 * the same id or source ref, lists matching rows newest use first (then by id, descending) with
 * totals, sums uses by product, supplier, org, user or day and unit, and visits every charged row.
 * Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes one instance per
 * test.
 */
public abstract class UsageRepositoryContract {
  /** Totals are compared by value: a database may sum at a wider scale. */
  private static final RecursiveComparisonConfiguration BY_VALUE =
      RecursiveComparisonConfiguration.builder()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .build();

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<UsageRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.usage());
          return null;
        });
  }

  private <T> T read(Function<UsageRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.usage()));
  }

  private Optional<UsageRecord> find(UsageId id) {
    return read(usage -> usage.find(id));
  }

  private Optional<UsageRecord> findBySourceRef(SourceRef sourceRef) {
    return read(usage -> usage.findBySourceRef(sourceRef));
  }

  private void insert(UsageRecord... uses) {
    write(repository -> List.of(uses).forEach(repository::insert));
  }

  @Test
  public void roundTripsEveryFieldOfAUseServedByASupplier() {
    UsageRecord use = usage("u1").at(instant("2026-01-02T23:59:59.999999Z")).build();
    insert(use);

    assertThat(find(use.id())).contains(use);
    assertThat(findBySourceRef(use.sourceRef())).contains(use);
  }

  @Test
  public void roundTripsAPayPerUseWithoutSubscriptionNorSupplier() {
    UsageRecord use =
        usage("u1")
            .payPerUse()
            .noSupplier()
            .used(calls("3"))
            .charged("0.3")
            .sourceRef("api_call.log", "call-42")
            .build();
    insert(use);

    assertThat(find(use.id())).contains(use);
    assertThat(findBySourceRef(SourceRef.of("api_call.log", "call-42"))).contains(use);
  }

  @Test
  public void roundTripsAManyRowInsertOfAwkwardTextAndTimes() {
    // what a bulk load must quote or escape: a quote, a separator, a line break, a tab, the text
    // format's NULL marker, a letter beyond ASCII; and empty text, which is not NULL
    UsageRecord awkward =
        usage("u1").resourceRefId("m\"x\",y\r\n\\N\t\u6a21\u578b'z").build();
    UsageRecord empty = usage("u2").resourceRefId("").build();
    // and times whose fields need their leading zeros, and the last microsecond of a day
    UsageRecord early = usage("u3").at(instant("2026-03-04T05:06:07.000008Z")).build();
    UsageRecord late = usage("u4").at(instant("2026-01-02T23:59:59.999999Z")).build();
    List<UsageRecord> group = new ArrayList<>(List.of(awkward, empty, early, late));
    // as many rows as a group of uses brings, which PostgreSQL's storage takes by COPY
    IntStream.rangeClosed(5, 40).forEach(i -> group.add(usage("u" + i).build()));
    write(repository -> repository.insertAll(group));

    assertThat(find(awkward.id())).contains(awkward);
    assertThat(find(empty.id())).contains(empty);
    assertThat(find(early.id())).contains(early);
    assertThat(find(late.id())).contains(late);
  }

  @Test
  public void findsNoUseForAnUnknownIdOrSourceRef() {
    insert(usage("u1").sourceRef("chat_log", "m1").build());

    assertThat(find(UsageId.of("u2"))).isEmpty();
    assertThat(findBySourceRef(SourceRef.of("chat_log", "m2"))).isEmpty();
    assertThat(findBySourceRef(SourceRef.of("other_log", "m1"))).isEmpty();
  }

  @Test
  public void refusesASecondUsageWithTheSameId() {
    UsageRecord first = usage("u1").sourceRef("chat_log", "m1").build();
    insert(first);

    assertThatThrownBy(() -> insert(usage("u1").sourceRef("chat_log", "m2").build()))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(first.id())).contains(first);
    assertThat(findBySourceRef(SourceRef.of("chat_log", "m2"))).isEmpty();
  }

  @Test
  public void refusesASecondUsageWithTheSameSourceRef() {
    UsageRecord first = usage("u1").sourceRef("chat_log", "m1").build();
    insert(first);

    assertThatThrownBy(() -> insert(usage("u2").sourceRef("chat_log", "m1").charged("9").build()))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(findBySourceRef(first.sourceRef())).contains(first);
    assertThat(find(UsageId.of("u2"))).isEmpty();
  }

  @Test
  public void insertsManyUsesAtOnceAndFindsThoseOfManySourceRefs() {
    UsageRecord first = usage("u1").sourceRef("chat_log", "m1").build();
    UsageRecord second = usage("u2").payPerUse().noSupplier().sourceRef("api_log", "m1").build();
    write(repository -> repository.insertAll(List.of(first, second)));

    Map<SourceRef, UsageRecord> found =
        read(
            usage ->
                usage.findBySourceRefs(
                    List.of(
                        SourceRef.of("chat_log", "m1"),
                        SourceRef.of("api_log", "m1"),
                        SourceRef.of("chat_log", "m2"),
                        SourceRef.of("chat_log", "m1"))));

    assertThat(found)
        .containsOnly(Map.entry(first.sourceRef(), first), Map.entry(second.sourceRef(), second));
  }

  @Test
  public void findsTheStoredOnesAmongMoreSourceRefsThanOneStatementMatches() {
    List<UsageRecord> stored = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      stored.add(usage("u" + i).sourceRef(i % 2 == 0 ? "chat_log" : "api_log", "m" + i).build());
    }
    write(repository -> repository.insertAll(stored));
    List<SourceRef> asked = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      asked.add(SourceRef.of(i % 2 == 0 ? "chat_log" : "api_log", "m" + i));
    }

    Map<SourceRef, UsageRecord> found = read(usage -> usage.findBySourceRefs(asked));

    assertThat(found).hasSize(70);
    stored.forEach(use -> assertThat(found).containsEntry(use.sourceRef(), use));
  }

  @Test
  public void listsUsageNewestFirstWithTotal() {
    UsageRecord oldest = usage("u4").at(minutesAfterT0(-1)).build();
    UsageRecord older = usage("u1").at(T0).build();
    UsageRecord tiedLow = usage("u2").at(minutesAfterT0(1)).build();
    UsageRecord tiedHigh = usage("u3").at(minutesAfterT0(1)).build();
    insert(older, tiedLow, oldest, tiedHigh);

    Page<UsageRecord> page = read(usage -> usage.list(UsageQuery.ALL, PageRequest.first(10)));

    assertThat(page.items()).containsExactly(tiedHigh, tiedLow, older, oldest);
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  public void pagesUsageWithTheTotalOfEveryMatch() {
    for (int i = 1; i <= 5; i++) {
      insert(usage("u" + i).at(minutesAfterT0(i)).build());
    }
    insert(usage("x1").org("org-2").at(minutesAfterT0(9)).build());
    UsageQuery ofOrg1 = UsageQuery.forOrg(OrgId.of("org-1"));

    Page<UsageRecord> second = read(usage -> usage.list(ofOrg1, new PageRequest(2, 2)));
    Page<UsageRecord> last = read(usage -> usage.list(ofOrg1, new PageRequest(3, 2)));

    assertThat(second.items()).extracting(UsageRecord::id)
        .containsExactly(UsageId.of("u3"), UsageId.of("u2"));
    assertThat(second.total()).isEqualTo(5);
    assertThat(second.page()).isEqualTo(2);
    assertThat(last.items()).extracting(UsageRecord::id).containsExactly(UsageId.of("u1"));
    assertThat(last.total()).isEqualTo(5);
  }

  @Test
  public void filtersUsageByEveryField() {
    insert(
        usage("a").at(minutesAfterT0(0)).build(),
        usage("b").org("org-2").at(minutesAfterT0(1)).build(),
        usage("c").user("user-2").at(minutesAfterT0(2)).build(),
        usage("d").product("p2").at(minutesAfterT0(3)).build(),
        usage("e").subscription("s2").at(minutesAfterT0(4)).build(),
        usage("f").payPerUse().noSupplier().at(minutesAfterT0(5)).build(),
        usage("g").supplier("supplier-2", "0.00001", "0.015").at(minutesAfterT0(6)).build());
    Optional<OrgId> noOrg = Optional.empty();
    Optional<UserId> noUser = Optional.empty();
    Optional<ProductId> noProduct = Optional.empty();
    Optional<SubscriptionId> noSubscription = Optional.empty();
    Optional<OrgId> noSupplier = Optional.empty();
    Optional<Instant> open = Optional.empty();

    assertThat(ids(UsageQuery.forOrg(OrgId.of("org-2")))).containsExactly("b");
    assertThat(ids(UsageQuery.forOrg(OrgId.of("org-3")))).isEmpty();
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, Optional.of(UserId.of("user-2")), noProduct, noSubscription, noSupplier,
                    open, open)))
        .containsExactly("c");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, Optional.of(ProductId.of("p2")), noSubscription, noSupplier,
                    open, open)))
        .containsExactly("d");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, Optional.of(SubscriptionId.of("s1")), noSupplier,
                    open, open)))
        .containsExactly("g", "d", "c", "b", "a");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, Optional.of(SubscriptionId.of("s2")), noSupplier,
                    open, open)))
        .containsExactly("e");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, noSubscription, Optional.of(OrgId.of("supplier-1")),
                    open, open)))
        .containsExactly("e", "d", "c", "b", "a");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, noSubscription, Optional.of(OrgId.of("supplier-2")),
                    open, open)))
        .containsExactly("g");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, noSubscription, noSupplier,
                    Optional.of(minutesAfterT0(2)), Optional.of(minutesAfterT0(5)))))
        .as("from is inclusive, to exclusive")
        .containsExactly("e", "d", "c");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, noSubscription, noSupplier,
                    Optional.of(minutesAfterT0(5)), open)))
        .containsExactly("g", "f");
    assertThat(
            ids(
                new UsageQuery(
                    noOrg, noUser, noProduct, noSubscription, noSupplier, open,
                    Optional.of(minutesAfterT0(1)))))
        .containsExactly("a");
    assertThat(
            ids(
                new UsageQuery(
                    Optional.of(OrgId.of("org-1")), Optional.of(UserId.of("user-1")),
                    Optional.of(ProductId.of("p1")), Optional.of(SubscriptionId.of("s1")),
                    Optional.of(OrgId.of("supplier-1")), Optional.of(T0),
                    Optional.of(minutesAfterT0(3)))))
        .containsExactly("a");
  }

  private List<String> ids(UsageQuery query) {
    return read(usage -> usage.list(query, PageRequest.first(100))).items().stream()
        .map(use -> use.id().value())
        .toList();
  }

  /**
   * Four uses over three days: two of p1 in tokens on the first day by two orgs through two
   * suppliers, one of p2 in calls on the second day without supplier, one of p1 within quota
   * (uncharged) on the third day by a third user.
   */
  private List<UsageRecord> insertUsesOverThreeDays() {
    List<UsageRecord> uses =
        List.of(
            usage("u1")
                .product("p1")
                .org("org-1")
                .user("user-1")
                .supplier("sup-1", "0.000012", "0.012")
                .used(tokens("1000"))
                .charged("0.025")
                .at(T0)
                .build(),
            usage("u2")
                .product("p1")
                .org("org-2")
                .user("user-2")
                .supplier("sup-2", "0.000012", "0.006")
                .used(tokens("500"))
                .charged("0.0125")
                .at(T0.plus(Duration.ofHours(1)))
                .build(),
            usage("u3")
                .product("p2")
                .org("org-1")
                .user("user-1")
                .noSupplier()
                .used(calls("2"))
                .charged("0.1")
                .at(T0.plus(Duration.ofDays(1)))
                .build(),
            usage("u4")
                .product("p1")
                .org("org-1")
                .user("user-3")
                .supplier("sup-1", "0.000012", "0.003")
                .used(tokens("250"))
                .charged("0")
                .at(T0.plus(Duration.ofDays(2)))
                .build());
    write(usage -> uses.forEach(usage::insert));
    return uses;
  }

  private List<UsageStats> statistics(StatsQuery query) {
    return read(usage -> usage.statistics(query));
  }

  private static UsageStats stats(
      String key, String unit, long uses, String used, String cost, String revenue) {
    return UsageStats.of(
        key, unit, uses, new BigDecimal(used), new BigDecimal(cost), new BigDecimal(revenue));
  }

  @Test
  public void sumsUsageByProductAndUnit() {
    insertUsesOverThreeDays();

    assertThat(statistics(StatsQuery.by(StatsGrouping.PRODUCT)))
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(
            stats("p1", "token", 3, "1750", "0.021", "0.0375"),
            stats("p2", "call", 1, "2", "0", "0.1"));
  }

  @Test
  public void sumsUsageBySupplierWithAnEmptyKeyForUsesWithoutOne() {
    insertUsesOverThreeDays();

    assertThat(statistics(StatsQuery.by(StatsGrouping.SUPPLIER)))
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(
            stats("", "call", 1, "2", "0", "0.1"),
            stats("sup-1", "token", 2, "1250", "0.015", "0.025"),
            stats("sup-2", "token", 1, "500", "0.006", "0.0125"));
  }

  @Test
  public void sumsUsageByOrgThenUnit() {
    insertUsesOverThreeDays();

    assertThat(statistics(StatsQuery.by(StatsGrouping.ORG)))
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(
            stats("org-1", "call", 1, "2", "0", "0.1"),
            stats("org-1", "token", 2, "1250", "0.015", "0.025"),
            stats("org-2", "token", 1, "500", "0.006", "0.0125"));
  }

  @Test
  public void sumsUsageByUser() {
    insertUsesOverThreeDays();

    assertThat(statistics(StatsQuery.by(StatsGrouping.USER)))
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(
            stats("user-1", "call", 1, "2", "0", "0.1"),
            stats("user-1", "token", 1, "1000", "0.012", "0.025"),
            stats("user-2", "token", 1, "500", "0.006", "0.0125"),
            stats("user-3", "token", 1, "250", "0.003", "0"));
  }

  @Test
  public void sumsUsageByBusinessDay() {
    insertUsesOverThreeDays();

    assertThat(statistics(StatsQuery.by(StatsGrouping.DAY)))
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(
            stats("2026-01-02", "token", 2, "1500", "0.018", "0.0375"),
            stats("2026-01-03", "call", 1, "2", "0", "0.1"),
            stats("2026-01-04", "token", 1, "250", "0.003", "0"));
  }

  @Test
  public void sumsOnlyTheUsesOfTheAskedTimeAndOrg() {
    insertUsesOverThreeDays();
    Optional<Instant> from = Optional.of(T0.plus(Duration.ofHours(1)));
    Optional<Instant> to = Optional.of(T0.plus(Duration.ofDays(2)));

    assertThat(statistics(new StatsQuery(StatsGrouping.PRODUCT, from, to, Optional.empty())))
        .as("from is inclusive, to exclusive")
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(
            stats("p1", "token", 1, "500", "0.006", "0.0125"),
            stats("p2", "call", 1, "2", "0", "0.1"));
    assertThat(
            statistics(
                new StatsQuery(StatsGrouping.PRODUCT, from, to, Optional.of(OrgId.of("org-1")))))
        .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
        .containsExactly(stats("p2", "call", 1, "2", "0", "0.1"));
    assertThat(
            statistics(
                new StatsQuery(
                    StatsGrouping.ORG, Optional.empty(), Optional.empty(),
                    Optional.of(OrgId.of("org-3")))))
        .isEmpty();
  }

  @Test
  public void sumsNothingInAnEmptyLog() {
    assertThat(statistics(StatsQuery.by(StatsGrouping.PRODUCT))).isEmpty();
  }

  @Test
  public void visitsEveryChargedUseAndNoOther() {
    List<UsageRecord> uses = insertUsesOverThreeDays();
    List<UsageRecord> visited = new ArrayList<>();

    store.inTransaction(
        repositories -> {
          repositories.usage().forEachCharged(visited::add);
          return null;
        });

    assertThat(visited).containsExactlyInAnyOrder(uses.get(0), uses.get(1), uses.get(2));
  }
}
