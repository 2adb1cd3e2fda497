package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code /stats/usage} sums: the usage log between {@code from} (inclusive) and {@code to}
 * (exclusive), optionally of one org, grouped by {@code groupBy} and unit.
 */
public record StatsQuery(
    StatsGrouping groupBy, Optional<Instant> from, Optional<Instant> to, Optional<OrgId> orgId) {

  public StatsQuery {
    checkNotNull(groupBy, "group by");
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkNotNull(orgId, "org id");
    checkArgument(
        from.isEmpty() || to.isEmpty() || from.get().isBefore(to.get()), "from must be before to");
  }

  public static StatsQuery by(StatsGrouping grouping) {
    return new StatsQuery(grouping, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
