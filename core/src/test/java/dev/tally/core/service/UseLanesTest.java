package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.UseCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The lanes of group commit without storage: an applier that records its groups and answers each
 * use with its source ref shows which uses went together, in which order, and which ran at once.
 */
class UseLanesTest {
  // customers whose uses go to different lanes of two
  private static final OrgId ACME = OrgId.of("acme");
  private static final OrgId BETA = OrgId.of("beta");

  private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());

  @Test
  void theCustomersOfTheTestGoToDifferentLanes() {
    assertThat(UseLanes.laneOf(ACME, 2)).isNotEqualTo(UseLanes.laneOf(BETA, 2));
  }

  @Test
  void aCustomerAlwaysGoesToTheSameLaneAndCustomersSpreadOverTheLanes() {
    for (int lanes : new int[] {2, 3, 4}) {
      int[] customersPerLane = new int[lanes];
      for (int i = 0; i < 1000; i++) {
        OrgId customer = OrgId.of(String.format("customer-%04d", i));
        int lane = UseLanes.laneOf(customer, lanes);
        assertThat(UseLanes.laneOf(OrgId.of(customer.value()), lanes)).isEqualTo(lane);
        customersPerLane[lane]++;
      }
      int fair = 1000 / lanes;
      for (int count : customersPerLane) {
        assertThat(count).as("customers per lane of %s", lanes).isBetween(fair * 8 / 10, fair * 12 / 10);
      }
    }
  }

  @Test
  void oneLaneIsOneQueueForEveryCustomer() {
    assertThat(UseLanes.laneOf(ACME, 1)).isZero();
    assertThat(UseLanes.laneOf(BETA, 1)).isZero();
  }

  @Test
  void lanesBelowOneAreRefused() {
    assertThatThrownBy(() -> GroupCommitSettings.DEFAULTS.withLanes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group commit lanes is below 1: 0");
  }

  @Test
  void groupsOfCustomersInDifferentLanesAreAppliedAtOnce() throws Exception {
    // each group waits in the applier until a group of the other lane is there too: one lane at a
    // time would break the barrier on its timeout instead
    CyclicBarrier bothApplying = new CyclicBarrier(2);
    UseLanes<String> lanes =
        new UseLanes<>(
            GroupCommitSettings.DEFAULTS,
            commands -> {
              try {
                bothApplying.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                return commands.stream()
                    .<GroupCommit.Outcome<String>>map(
                        command -> new GroupCommit.Failed<>(new IllegalStateException("alone", e)))
                    .toList();
              }
              return refs(commands);
            });

    List<String> answers =
        together(2, thread -> use(lanes, thread == 0 ? ACME : BETA, "r" + thread));

    assertThat(answers).containsExactly("r0", "r1");
  }

  @Test
  void oneCustomersGroupsNeverOverlap() throws Exception {
    AtomicInteger applyingForAcme = new AtomicInteger();
    AtomicInteger mostAtOnceForAcme = new AtomicInteger();
    UseLanes<String> lanes =
        new UseLanes<>(
            GroupCommitSettings.DEFAULTS,
            commands -> {
              boolean acme = commands.get(0).orgId().equals(ACME);
              if (acme) {
                mostAtOnceForAcme.accumulateAndGet(applyingForAcme.incrementAndGet(), Math::max);
              }
              try {
                Thread.sleep(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (acme) {
                applyingForAcme.decrementAndGet();
              }
              return refs(commands);
            });

    List<String> answers =
        together(32, thread -> use(lanes, thread % 2 == 0 ? ACME : BETA, "r" + thread));

    assertThat(answers)
        .containsExactlyElementsOf(IntStream.range(0, 32).mapToObj(i -> "r" + i).toList());
    assertThat(mostAtOnceForAcme).hasValue(1);
  }

  @Test
  void aBatchIsAppliedAsOneGroupPerLaneAndAnsweredInItsOrder() {
    UseLanes<String> lanes = recordingLanes();
    List<UseCommand> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batch.add(command(i % 3 == 0 ? BETA : ACME, "r" + i));
    }

    List<String> answers = lanes.submitAll(batch).stream().map(GroupCommit.Outcome::get).toList();

    assertThat(answers).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
    assertThat(groups).containsExactly(List.of("r0", "r3"), List.of("r1", "r2", "r4", "r5"));
  }

  @Test
  void aBatchOfOneLaneIsOneGroup() {
    UseLanes<String> lanes = recordingLanes();
    List<UseCommand> batch =
        IntStream.range(0, 100).mapToObj(i -> command(ACME, "r" + i)).toList();

    assertThat(lanes.submitAll(batch)).hasSize(100);

    assertThat(groups).singleElement().asList().hasSize(100);
  }

  @Test
  void aBatchWithOneSourceRefUnderCustomersOfTwoLanesStaysOneGroupInItsOrder() {
    UseLanes<String> lanes = recordingLanes();
    List<UseCommand> batch =
        List.of(command(BETA, "r0"), command(ACME, "shared"), command(BETA, "shared"));

    lanes.submitAll(batch);

    assertThat(groups).containsExactly(List.of("r0", "shared", "shared"));
  }

  @Test
  void anEmptyBatchLeavesTheLanesFree() {
    UseLanes<String> lanes = recordingLanes();

    assertThat(lanes.submitAll(List.of())).isEmpty();

    assertThat(lanes.submitAll(List.of(command(ACME, "r0"))).get(0).get()).isEqualTo("r0");
  }

  private UseLanes<String> recordingLanes() {
    return new UseLanes<>(GroupCommitSettings.DEFAULTS, UseLanesTest.this::refs);
  }

  /** Records the group and answers each use with its source ref's id. */
  private List<GroupCommit.Outcome<String>> refs(List<UseCommand> commands) {
    List<String> ids = commands.stream().map(command -> command.sourceRef().id()).toList();
    groups.add(ids);
    return ids.stream().<GroupCommit.Outcome<String>>map(GroupCommit.Done::new).toList();
  }

  private static String use(UseLanes<String> lanes, OrgId customer, String ref) {
    return lanes.submitAll(List.of(command(customer, ref))).get(0).get();
  }

  private static UseCommand command(OrgId customer, String ref) {
    return UseCommand.builder(ProductId.of("product-1"), UserId.of("user-1"), customer)
        .used(Quantity.of(1000, Unit.TOKEN))
        .sourceRef(SourceRef.of("llm_request", ref))
        .build();
  }

  private interface Task {
    String run(int thread) throws Exception;
  }

  /** Runs one task per thread, all released at once; returns their answers in thread order. */
  private static List<String> together(int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        answers.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.run(thread);
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads started").isTrue();
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> answer : answers) {
        results.add(answer.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
