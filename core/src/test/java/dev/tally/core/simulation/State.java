package dev.tally.core.simulation;

import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.testing.TestTally;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulation can see of a Tally between two operations, read in one unit of work: the
 * balances of the simulated customers, every subscription, the holds made so far, the number of
 * usage rows, and the ledger's verification report (which also counts its legs). Immutable.
 */
record State(
    Instant now,
    Map<OrgId, CustomerBalance> balances,
    Map<SubscriptionId, Subscription> subscriptions,
    Map<HoldId, Hold> holds,
    long usageRows,
    VerificationReport report) {

  static State read(TestTally tally, List<OrgId> orgs, List<HoldId> holdIds) {
    VerificationReport report = tally.core().ledger().verify();
    return tally
        .store()
        .inTransaction(
            repos -> {
              Map<OrgId, CustomerBalance> balances = new LinkedHashMap<>();
              for (OrgId org : orgs) {
                repos.balances().find(org).ifPresent(balance -> balances.put(org, balance));
              }
              Map<SubscriptionId, Subscription> subscriptions = new LinkedHashMap<>();
              repos
                  .subscriptions()
                  .list(SubscriptionQuery.ALL, PageRequest.first(PageRequest.MAX_SIZE))
                  .items()
                  .forEach(subscription -> subscriptions.put(subscription.id(), subscription));
              Map<HoldId, Hold> holds = new LinkedHashMap<>();
              for (HoldId id : holdIds) {
                holds.put(id, repos.holds().find(id).orElseThrow());
              }
              long usageRows = repos.usage().list(UsageQuery.ALL, PageRequest.first(1)).total();
              return new State(
                  tally.clock().now().truncatedTo(ChronoUnit.MICROS),
                  Collections.unmodifiableMap(balances),
                  Collections.unmodifiableMap(subscriptions),
                  Collections.unmodifiableMap(holds),
                  usageRows,
                  report);
            });
  }

  long ledgerEntries() {
    return report.entries();
  }
}
