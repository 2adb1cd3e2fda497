package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UseResult;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.testing.TestTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Group commit in two lanes, on the in-memory store: uses of many customers fired at once each get
 * their own answer, one customer's uses never overdraw it, and one source ref under customers of
 * two lanes is charged once. Each use costs 1 CNY.
 */
class GroupCommitLanesTest {
  // "acme" and "beta" go to different lanes of two (UseLanesTest)
  private static final String ACME = "acme";
  private static final String BETA = "beta";

  private final TestTally tally =
      TestTally.create(
          CoreSettings.DEFAULTS.withGroupCommit(GroupCommitSettings.DEFAULTS.withLanes(2)));
  private final ProductResource resource = tally.aPayPerUseResource("0.001");

  /** What one caller got: its result, or its refusal. */
  private record Answer(
      UseCommand command, Optional<UseResult> result, Optional<ErrorCode> refusal) {
    boolean accepted() {
      return result.isPresent();
    }

    UsageRecord usage() {
      return result.orElseThrow().usage();
    }

    boolean replayed() {
      return result.orElseThrow().replayed();
    }
  }

  @Test
  void usesOfManyCustomersFiredAtOnceEachGetTheirOwnAnswer() throws Exception {
    List<String> customers = IntStream.range(0, 8).mapToObj(i -> "customer-" + i).toList();
    assertThat(customers.stream().map(c -> UseLanes.laneOf(OrgId.of(c), 2)).distinct())
        .as("the customers fill both lanes")
        .hasSize(2);
    List<UseCommand> commands = new ArrayList<>();
    for (String customer : customers) {
      tally.aCustomer(customer).recharged("5");
      IntStream.range(0, 6).forEach(i -> commands.add(aUse(customer, customer + "-" + i)));
    }

    List<Answer> answers = allAtOnce(commands);

    for (Answer answer : answers) {
      if (answer.accepted()) {
        assertThat(answer.usage().orgId()).isEqualTo(answer.command().orgId());
        assertThat(answer.usage().sourceRef()).isEqualTo(answer.command().sourceRef());
        assertThat(answer.replayed()).isFalse();
      } else {
        assertThat(answer.refusal()).contains(ErrorCode.INSUFFICIENT_BALANCE);
      }
    }
    for (String customer : customers) {
      assertThat(answers.stream().filter(a -> isOf(a, customer) && a.accepted()))
          .as("uses of %s the money covered", customer)
          .hasSize(5);
      assertThat(tally.balanceOf(customer).balance().amount()).isZero();
    }
    assertThat(tally.verify().violations()).isEmpty();
    assertThat(tally.core().groupCommit().groupsAppliedAlone()).isZero();
  }

  @Test
  void aCustomerFiringMoreThanItsMoneyCoversIsNeverOverdrawn() throws Exception {
    tally.aCustomer(ACME).recharged("10");
    tally.aCustomer(BETA).recharged("10");
    List<UseCommand> commands = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      commands.add(aUse(ACME, "acme-" + i));
      commands.add(aUse(BETA, "beta-" + i));
    }

    List<Answer> answers = allAtOnce(commands);

    for (String customer : List.of(ACME, BETA)) {
      assertThat(answers.stream().filter(a -> isOf(a, customer) && a.accepted()))
          .as("uses of %s the money covered", customer)
          .hasSize(10);
      assertThat(answers.stream().filter(a -> isOf(a, customer) && !a.accepted()))
          .allMatch(a -> a.refusal().equals(Optional.of(ErrorCode.INSUFFICIENT_BALANCE)))
          .hasSize(20);
      assertThat(tally.balanceOf(customer).balance().amount()).isZero();
    }
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void aBatchOverTwoLanesChargesEachCustomerInItsOrder() {
    tally.aCustomer(ACME).recharged("3");
    tally.aCustomer(BETA).recharged("2");
    List<UseCommand> batch = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batch.add(aUse(ACME, "acme-" + i));
      batch.add(aUse(BETA, "beta-" + i));
    }

    List<UseOutcome> outcomes = tally.core().metering().useAll(batch);

    assertThat(outcomes.stream().map(GroupCommitLanesTest::describe))
        .containsExactly(
            "acme-0", "beta-0", "acme-1", "beta-1", "acme-2", "INSUFFICIENT_BALANCE",
            "INSUFFICIENT_BALANCE", "INSUFFICIENT_BALANCE");
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void oneSourceRefUnderCustomersOfTwoLanesAtOnceIsChargedOnce() throws Exception {
    tally.aCustomer(ACME).recharged("10");
    tally.aCustomer(BETA).recharged("10");

    List<Answer> answers = allAtOnce(List.of(aUse(ACME, "shared"), aUse(BETA, "shared")));

    assertThat(answers.stream().filter(Answer::accepted)).singleElement();
    Answer accepted = answers.stream().filter(Answer::accepted).findFirst().orElseThrow();
    Answer refused = answers.stream().filter(a -> !a.accepted()).findFirst().orElseThrow();
    assertThat(accepted.replayed()).isFalse();
    assertThat(refused.refusal())
        .as("the same ref for another customer is another request")
        .contains(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(tally.balanceOf(accepted.command().orgId().value()).balance().amount())
        .isEqualByComparingTo("9");
    assertThat(tally.balanceOf(refused.command().orgId().value()).balance().amount())
        .isEqualByComparingTo("10");
    assertThat(tally.usageLog()).singleElement();
    assertThat(tally.verify().violations()).isEmpty();
  }

  private UseCommand aUse(String customer, String ref) {
    return tally
        .aUse(customer, resource, "1000")
        .sourceRef(SourceRef.of("llm_request", ref))
        .build();
  }

  private static boolean isOf(Answer answer, String customer) {
    return answer.command().orgId().value().equals(customer);
  }

  private static String describe(UseOutcome outcome) {
    return outcome instanceof UseOutcome.Accepted accepted
        ? accepted.result().usage().sourceRef().id()
        : ((UseOutcome.Refused) outcome).code().toString();
  }

  /** Each command from its own thread, all released together once every thread is ready. */
  private List<Answer> allAtOnce(List<UseCommand> commands) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(commands.size());
    CountDownLatch ready = new CountDownLatch(commands.size());
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (UseCommand command : commands) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try {
                    UseResult result = tally.core().metering().use(command);
                    return new Answer(command, Optional.of(result), Optional.empty());
                  } catch (TallyException refused) {
                    return new Answer(command, Optional.empty(), Optional.of(refused.code()));
                  }
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads started").isTrue();
      go.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
