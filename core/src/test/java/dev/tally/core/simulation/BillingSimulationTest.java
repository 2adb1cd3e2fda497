package dev.tally.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.testing.TestTally;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulation: {@code 1000} seeds of {@code 200} random operations each (recharges,
 * adjustments, credit limits, subscriptions and their lifecycle, uses in all three billing modes
 * with retries and conflicting reuses of source refs, quota checks, holds, refunds, clock jumps and
 * the due sweeps), every invariant checked after every step.
 *
 * <p>{@code -Dtally.simulation.seeds=N} and {@code -Dtally.simulation.operations=N} change the
 * sizes; {@code -Dtally.seed=N} replays one seed step by step, exactly as it failed.
 */
class BillingSimulationTest {
  private static final long SABOTAGED_SEED = 4242;

  @Test
  void keepsEveryInvariantThroughSeededRandomOperations() {
    SimulationRunner.Report report = SimulationRunner.run(Sizes.fromSystemProperties());

    System.out.println(report.summary());
    assertThat(report.failures()).withFailMessage(report::failureMessage).isEmpty();
  }

  @Test
  void failsWithTheSeedAndStepWhenABalanceIsCorruptedBehindTallysBack() {
    Simulation sabotaged =
        new Simulation(SABOTAGED_SEED, 40, 25, BillingSimulationTest::addOneYuanToOrg1, false);

    assertThatThrownBy(sabotaged::run)
        .isInstanceOf(Simulation.Failure.class)
        .hasMessageContaining("seed " + SABOTAGED_SEED + " failed at step 25 of 40")
        .hasMessageContaining("-Dtally.seed=" + SABOTAGED_SEED)
        .hasMessageContaining("BALANCE_MISMATCH org-1")
        .hasMessageContaining("customer org-1: balance");
  }

  @Test
  void replaysTheSameRunFromTheSameSeed() {
    Simulation first = new Simulation(7, 60);
    Simulation again = new Simulation(7, 60);
    Simulation other = new Simulation(8, 60);

    String counts = first.run().toString();

    assertThat(again.run().toString()).isEqualTo(counts);
    assertThat(again.journal()).isEqualTo(first.journal());
    other.run();
    assertThat(other.journal()).isNotEqualTo(first.journal());
  }

  /** Writes 1 CNY more into org-1's balance row without a ledger entry. */
  private static void addOneYuanToOrg1(TestTally tally) {
    tally
        .store()
        .inTransaction(
            repos -> {
              CustomerBalance balance = repos.balances().find(OrgId.of("org-1")).orElseThrow();
              repos
                  .balances()
                  .update(
                      new CustomerBalance(
                          balance.orgId(),
                          balance.balance().plus(TestTally.cny("1.0000")),
                          balance.creditLimit(),
                          balance.held(),
                          balance.lastRecharge(),
                          balance.lastConsumption(),
                          balance.status(),
                          balance.ledgerSequence(),
                          balance.cachedAt()));
              return (Money) null;
            });
  }
}
