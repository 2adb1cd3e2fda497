package dev.tally.core.port.out;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The append-only usage log ({@code product_usage_log}). */
public interface UsageRepository {
  /**
   * Appends a use. A second row with the same source ref is refused by the storage (unique key);
   * a concurrent duplicate makes the unit of work retry, which then finds the first row.
   */
  void insert(UsageRecord usage);

  /** Appends uses, as {@link #insert} does, in one round trip where the storage allows. */
  default void insertAll(List<UsageRecord> usages) {
    usages.forEach(this::insert);
  }

  Optional<UsageRecord> find(UsageId id);

  Optional<UsageRecord> findBySourceRef(SourceRef sourceRef);

  /** The rows of those of {@code sourceRefs} that were used (one statement where allowed). */
  default Map<SourceRef, UsageRecord> findBySourceRefs(Collection<SourceRef> sourceRefs) {
    Map<SourceRef, UsageRecord> found = new HashMap<>();
    for (SourceRef sourceRef : sourceRefs) {
      findBySourceRef(sourceRef).ifPresent(usage -> found.put(sourceRef, usage));
    }
    return found;
  }

  /** Matching rows, newest use first. */
  Page<UsageRecord> list(UsageQuery query, PageRequest page);

  /** Totals grouped as the query asks, ordered by key then unit. */
  List<UsageStats> statistics(StatsQuery query);

  /** Every row with a charge (sell price above zero), in no particular order. */
  void forEachCharged(Consumer<UsageRecord> action);
}
