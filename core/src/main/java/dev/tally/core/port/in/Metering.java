package dev.tally.core.port.in;

import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.StatsQuery;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UsageStats;
import dev.tally.core.model.UseResult;
import java.util.List;

/** Metering: records uses ({@code product_use}), lists them, sums them, refunds them. */
public interface Metering {
  /**
   * Meters and charges one use atomically. Idempotent on the source ref: the same request again
   * returns the first result and charges nothing; another request with the same source ref is
   * refused ({@code idempotency_conflict}). A refused use records nothing.
   */
  UseResult use(UseCommand command);

  /** Uses each item on its own; every item gets its own outcome, in order. */
  List<UseOutcome> useAll(List<UseCommand> commands);

  UsageRecord usage(UsageId id);

  Page<UsageRecord> usage(UsageQuery query, PageRequest page);

  List<UsageStats> statistics(StatsQuery query);

  /** Gives back up to what the use was charged, less what was refunded already. */
  LedgerTransaction refund(Refund command);
}
