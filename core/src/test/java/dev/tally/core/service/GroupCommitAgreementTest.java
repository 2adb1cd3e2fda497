package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.UseResult;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.testing.TestTally;
import dev.tally.core.testing.TestTally.SubscriptionTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential test of group commit: one random sequence of uses (fresh, retried, retried with
 * a changed body, beyond the money, within and beyond quotas and overage caps) is applied in
 * random groups on one Tally and one by one on another; every result and the final balances,
 * subscriptions and ledger must agree. One by one, each use is a group of one, so this checks what
 * a group adds: the running state that each use leaves to the next. That the rules themselves hold
 * is the simulation's to show, against its own model of them.
 */
class GroupCommitAgreementTest {
  private static final int USES = 400;
  private static final String[] CUSTOMERS = {"c0", "c1", "c2", "c3", "c4"};
  private static final String[] RECHARGES = {"3", "10", "1", "50", "0.5"};

  /** One use of the sequence: who, which resource, how much, under which source ref. */
  private record Step(int customer, int resource, long tokens, String ref) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void groupedUsesGetExactlyWhatOneByOneUsesGet(long seed) {
    List<Step> steps = randomSteps(new Random(seed));
    World grouped = new World(GroupCommitSettings.DEFAULTS);
    World oneByOne = new World(GroupCommitSettings.OFF);

    List<String> groupedResults = grouped.inGroups(steps, new Random(seed + 1));
    List<String> oneByOneResults = oneByOne.oneByOne(steps);

    assertThat(groupedResults).containsExactlyElementsOf(oneByOneResults);
    assertThat(grouped.state()).isEqualTo(oneByOne.state());
    assertThat(grouped.tally.verify().violations()).isEmpty();
    assertThat(grouped.tally.core().groupCommit().groupsAppliedAlone()).isZero();
    assertThat(grouped.tally.core().groupCommit().groups()).isPositive();
  }

  private static List<Step> randomSteps(Random random) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < USES; i++) {
      if (!steps.isEmpty() && random.nextInt(5) == 0) {
        Step earlier = steps.get(random.nextInt(steps.size()));
        // a retry, half of them with another amount: a changed request under a used ref
        long tokens = random.nextBoolean() ? earlier.tokens() : earlier.tokens() + 1;
        steps.add(new Step(earlier.customer(), earlier.resource(), tokens, earlier.ref()));
      } else {
        steps.add(
            new Step(
                random.nextInt(CUSTOMERS.length),
                random.nextInt(3),
                100 + random.nextInt(3000),
                "ref-" + i));
      }
    }
    return steps;
  }

  /** One Tally with the same catalogue, customers and subscriptions as every other. */
  private static final class World {
    final TestTally tally;
    final List<ProductResource> resources = new ArrayList<>();
    final List<Subscription> subscriptions = new ArrayList<>();

    World(GroupCommitSettings groupCommit) {
      tally = TestTally.create(CoreSettings.DEFAULTS.withGroupCommit(groupCommit));
      ProductResource perUse = tally.aPayPerUseResource("0.002");
      ProductResource quota = tally.aResourceSoldIn(BillingMode.QUOTA, "0.001");
      ProductResource overage = tally.aResourceSoldIn(BillingMode.QUOTA_WITH_OVERAGE, "0.001");
      resources.addAll(List.of(perUse, quota, overage));
      for (int i = 0; i < CUSTOMERS.length; i++) {
        tally.aCustomer(CUSTOMERS[i]).recharged(RECHARGES[i]).withCreditLimit(i == 1 ? "2" : "0");
        subscriptions.add(tally.aCustomer(CUSTOMERS[i]).subscribedTo(quota, "6000"));
        subscriptions.add(
            tally
                .aCustomer(CUSTOMERS[i])
                .subscribedTo(
                    overage,
                    "3000",
                    SubscriptionTerms.plain()
                        .inMode(BillingMode.QUOTA_WITH_OVERAGE)
                        .withOverage("0.003", "9000")));
      }
    }

    UseCommand command(Step step) {
      return tally
          .aUse(CUSTOMERS[step.customer()], resources.get(step.resource()), "" + step.tokens())
          .sourceRef(SourceRef.of("agreement", step.ref()))
          .build();
    }

    List<String> inGroups(List<Step> steps, Random sizes) {
      List<String> results = new ArrayList<>();
      int next = 0;
      while (next < steps.size()) {
        int size = Math.min(1 + sizes.nextInt(30), steps.size() - next);
        List<UseCommand> group =
            steps.subList(next, next + size).stream().map(this::command).toList();
        tally.core().metering().useAll(group).forEach(outcome -> results.add(describe(outcome)));
        next += size;
      }
      return results;
    }

    List<String> oneByOne(List<Step> steps) {
      return steps.stream()
          .map(this::command)
          .map(command -> describe(tally.core().metering().useAll(List.of(command)).get(0)))
          .toList();
    }

    /** Balances, then each subscription's consumption, then each account's ledger total. */
    List<String> state() {
      List<String> state = new ArrayList<>();
      for (String customer : CUSTOMERS) {
        state.add(customer + " " + tally.balanceOf(customer));
      }
      for (Subscription subscription : subscriptions) {
        Subscription now = tally.core().subscriptions().subscription(subscription.id());
        state.add(now.quotaUsed() + " + " + now.overageUsed());
      }
      return state;
    }

    /** A result without its ids, which differ between the two Tallies. */
    private static String describe(UseOutcome outcome) {
      if (outcome instanceof UseOutcome.Refused refused) {
        return "refused " + refused.code();
      }
      UseResult result = ((UseOutcome.Accepted) outcome).result();
      Quantity inQuota = result.usage().inQuota();
      return String.format(
          "%s charged %s in quota %s overage %s cost %s%s",
          result.usage().sourceRef(),
          result.usage().sellPrice(),
          inQuota,
          result.usage().overage(),
          result.usage().totalCost(),
          result.replayed() ? " (replayed)" : "");
    }
  }
}
