package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsGrouping;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.port.out.UsageRepository;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The usage log in memory, with its unique source ref as an index. Not thread-safe: used under the
 * {@link InMemoryStore}'s lock.
 */
final class InMemoryUsageRepository implements UsageRepository {
  private static final Comparator<UsageRecord> NEWEST_FIRST =
      Comparator.comparing(UsageRecord::useTime)
          .thenComparing(usage -> usage.id().value())
          .reversed();

  private final Table<UsageId, UsageRecord> usages;
  private final Table<SourceRef, UsageId> bySourceRef;

  InMemoryUsageRepository(InMemoryStore store) {
    this.usages = new Table<>(store, "usage id");
    this.bySourceRef = new Table<>(store, "source ref");
  }

  @Override
  public void insert(UsageRecord usage) {
    checkNotNull(usage, "usage");
    checkState(!usages.contains(usage.id()), "duplicate usage id: %s", usage.id());
    checkState(
        !bySourceRef.contains(usage.sourceRef()), "duplicate source ref: %s", usage.sourceRef());
    usages.insert(usage.id(), usage);
    bySourceRef.insert(usage.sourceRef(), usage.id());
  }

  @Override
  public Optional<UsageRecord> find(UsageId id) {
    return usages.find(id);
  }

  @Override
  public Optional<UsageRecord> findBySourceRef(SourceRef sourceRef) {
    return bySourceRef.find(sourceRef).flatMap(usages::find);
  }

  @Override
  public Page<UsageRecord> list(UsageQuery query, PageRequest page) {
    checkNotNull(query, "query");
    return Pages.of(usages.stream().filter(query::matches).sorted(NEWEST_FIRST).toList(), page);
  }

  @Override
  public List<UsageStats> statistics(StatsQuery query) {
    checkNotNull(query, "query");
    UsageQuery range =
        new UsageQuery(
            query.orgId(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            query.from(), query.to());
    Map<Group, Totals> groups =
        new TreeMap<>(Comparator.comparing(Group::key).thenComparing(Group::unit));
    usages.stream()
        .filter(range::matches)
        .forEach(
            usage ->
                groups
                    .computeIfAbsent(
                        new Group(keyOf(query.groupBy(), usage), usage.usedAmount().unit().name()),
                        group -> new Totals())
                    .add(usage));
    return groups.entrySet().stream()
        .map(
            group ->
                UsageStats.of(
                    group.getKey().key(),
                    group.getKey().unit(),
                    group.getValue().uses,
                    group.getValue().used,
                    group.getValue().cost,
                    group.getValue().revenue))
        .toList();
  }

  private static String keyOf(StatsGrouping grouping, UsageRecord usage) {
    return switch (grouping) {
      case PRODUCT -> usage.productId().value();
      case SUPPLIER -> usage.supplierOrgId().map(OrgId::value).orElse("");
      case ORG -> usage.orgId().value();
      case USER -> usage.userId().value();
      case DAY -> usage.bizDate().toString();
    };
  }

  private record Group(String key, String unit) {}

  /** The running sums of one group. */
  private static final class Totals {
    private long uses;
    private BigDecimal used = BigDecimal.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;
    private BigDecimal revenue = BigDecimal.ZERO;

    void add(UsageRecord usage) {
      uses++;
      used = used.add(usage.usedAmount().amount());
      cost = cost.add(usage.totalCost().amount());
      revenue = revenue.add(usage.sellPrice().amount());
    }
  }

  @Override
  public void forEachCharged(Consumer<UsageRecord> action) {
    checkNotNull(action, "action");
    // a snapshot, so that the action may write
    usages.stream().filter(UsageRecord::isCharged).toList().forEach(action);
  }
}
