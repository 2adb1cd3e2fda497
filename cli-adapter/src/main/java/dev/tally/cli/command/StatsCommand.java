package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.StatsGrouping;
import dev.tally.core.model.StatsQuery;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally stats}: the usage log summed by product, supplier, org, user or day. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Sum the usage log by product, supplier, org, user or day: uses, used, cost, revenue, margin.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally stats --by product --from 2026-03-01T00:00:00Z")
public final class StatsCommand extends DatabaseCommand {
  @Option(names = "--by", defaultValue = "product", description = "product, supplier, org, user or day (default: ${DEFAULT-VALUE}).")
  String groupBy;

  @Option(names = "--from", paramLabel = "INSTANT", description = "Uses at or after (ISO-8601 UTC).")
  Instant from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Uses before (ISO-8601 UTC).")
  Instant to;

  @Option(names = "--org", description = "Only this customer org's uses.")
  String org;

  @Override
  int run(Tally tally) {
    StatsQuery query =
        new StatsQuery(
            StatsGrouping.fromCode(groupBy),
            Optional.ofNullable(from),
            Optional.ofNullable(to),
            Optional.ofNullable(org).map(OrgId::of));
    output.list(tally.metering().statistics(query).stream().map(Views::stats).toList(), Views.STATS_COLUMNS);
    return 0;
  }
}
