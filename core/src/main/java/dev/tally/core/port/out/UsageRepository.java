package dev.tally.core.port.out;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The append-only usage log ({@code product_usage_log}). */
public interface UsageRepository {
  /**
   * Appends a use. A second row with the same source ref is refused by the storage (unique key);
   * a concurrent duplicate makes the unit of work retry, which then finds the first row.
   */
  void insert(UsageRecord usage);

  Optional<UsageRecord> find(UsageId id);

  Optional<UsageRecord> findBySourceRef(SourceRef sourceRef);

  /** Matching rows, newest use first. */
  Page<UsageRecord> list(UsageQuery query, PageRequest page);

  /** Totals grouped as the query asks, ordered by key then unit. */
  List<UsageStats> statistics(StatsQuery query);

  /** Every row with a charge (sell price above zero), in no particular order. */
  void forEachCharged(Consumer<UsageRecord> action);
}
