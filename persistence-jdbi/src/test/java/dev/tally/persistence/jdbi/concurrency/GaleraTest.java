package dev.tally.persistence.jdbi.concurrency;

import static dev.tally.persistence.jdbi.concurrency.Shop.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.UseResult;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.GroupCommitSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.service.TimeOrderedIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tally on a MariaDB Galera cluster ({@link GaleraCluster}, skipped without one): one Tally
 * instance per node, each with its own pool on that node only, as Tally servers each pointed at a
 * different node would be. Galera certifies transactions optimistically: two nodes can both lock a
 * customer's balance row, and the one that commits second fails with a deadlock error (1213),
 * sometimes at COMMIT, which Tally must retry. Each scenario runs with group commit on and off and
 * checks what a customer and an auditor would: never overdrawn, a source ref charged once whichever
 * nodes it was sent to, every acknowledged use stored once, {@code ledger verify} clean. Every pool
 * reads causally ({@link GaleraCluster#pool}), as Tally's connections to Galera should; the checks
 * read through node 1, after the run. The last scenario kills a node with SIGKILL in the middle of
 * a run, then restarts it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraTest {
  private static final String UNIT_PRICE = ConcurrencyScenarios.UNIT_PRICE;
  private static final String UNIT_COST = ConcurrencyScenarios.UNIT_COST;
  private static final long TOKENS_PER_USE = ConcurrencyScenarios.TOKENS_PER_USE;
  private static final BigDecimal PRICE_PER_USE = new BigDecimal("1.0000");
  private static final int THREADS_PER_NODE = 4;

  private static GaleraCluster cluster;

  private final List<HikariDataSource> pools = new ArrayList<>();
  private HikariDataSource checkPool;
  private TallyCore checker;
  private Tables tables;

  @BeforeAll
  static void migrateTheClusterAfresh() {
    cluster = GaleraCluster.fromEnvironment();
    cluster.freshSchema();
  }

  @BeforeEach
  void emptyTables() {
    cluster.emptyTables();
    checkPool = cluster.pool(0, 4);
    checker = core(checkPool, GroupCommitSettings.OFF);
    tables = new Tables(checkPool);
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
    checkPool.close();
  }

  @ParameterizedTest(name = "group commit {0}")
  @ValueSource(booleans = {true, false})
  @Order(1)
  void aHotCustomerUsedOnEveryNodeIsNeverOverdrawn(boolean grouped) {
    List<TallyCore> tallyOnNode = instancesOnEveryNode(grouped);
    Shop shop = Shop.selling(tallyOnNode.get(0), BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    // 120 + 30 of credit pay for 150 of the 600 uses
    CustomerBalance before = shop.customerWith("120", "30");
    int usesPerThread = 50;
    Watch watch = Watch.start(() -> overdraft(checker.balances().balance(CUSTOMER)));
    Outcomes<UseCommand, UseResult> outcomes;
    try (watch) {
      outcomes =
          useConcurrently(
              tallyOnNode,
              thread ->
                  IntStream.range(0, usesPerThread)
                      .mapToObj(
                          i -> shop.use(String.format("t%02d-%03d", thread, i), TOKENS_PER_USE))
                      .toList());
    }

    CustomerBalance after = checker.balances().balance(CUSTOMER);
    summary("hot customer", grouped, outcomes, after);
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(watch.violations()).as("seen while the uses ran").isEmpty();
    assertThat(outcomes.acceptedCount()).as("uses the money covers").isEqualTo(150);
    assertThat(outcomes.accepted().filter(a -> a.result().orElseThrow().replayed())).isEmpty();
    assertThat(before.balance().amount().subtract(after.balance().amount()))
        .as("balance drop = accepted x price")
        .isEqualByComparingTo(PRICE_PER_USE.multiply(BigDecimal.valueOf(150)));
    assertThat(after.available().isNegative()).as("available: %s", after).isFalse();
    assertStoredOnce(CUSTOMER, 150);
    for (int node = 0; node < tallyOnNode.size(); node++) {
      int index = node;
      // keys start with the thread's number, and thread t runs on node t % nodes
      assertThat(
              outcomes
                  .accepted()
                  .filter(
                      a -> Integer.parseInt(a.key().substring(1, 3)) % tallyOnNode.size() == index))
          .as("uses accepted on node %d", node + 1)
          .isNotEmpty();
    }
    ConcurrencyScenarios.assertLedgerClean(checker);
  }

  @ParameterizedTest(name = "group commit {0}")
  @ValueSource(booleans = {true, false})
  @Order(2)
  void manyCustomersUsedOnEveryNodeAreEachChargedExactly(boolean grouped) {
    List<TallyCore> tallyOnNode = instancesOnEveryNode(grouped);
    Shop shop = Shop.selling(tallyOnNode.get(0), BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    int customers = 100;
    int usesTheMoneyCovers = 5;
    List<OrgId> orgs =
        IntStream.range(0, customers)
            .mapToObj(i -> OrgId.of(String.format("org-%03d", i)))
            .toList();
    orgs.forEach(org -> shop.customerWith(org, String.valueOf(usesTheMoneyCovers), "0"));
    int usesPerThread = 60;

    Outcomes<UseCommand, UseResult> outcomes =
        useConcurrently(
            tallyOnNode,
            thread -> {
              Random random = new Random(31L * thread);
              return IntStream.range(0, usesPerThread)
                  .mapToObj(
                      i ->
                          shop.use(
                              orgs.get(random.nextInt(customers)),
                              String.format("t%02d-%03d", thread, i),
                              TOKENS_PER_USE))
                  .toList();
            });

    summary("100 customers", grouped, outcomes, checker.balances().balance(orgs.get(0)));
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE);
    Map<OrgId, List<Attempt<UseCommand, UseResult>>> byOrg =
        outcomes.all().stream().collect(Collectors.groupingBy(a -> a.input().orgId()));
    for (OrgId org : orgs) {
      List<Attempt<UseCommand, UseResult>> tries = byOrg.getOrDefault(org, List.of());
      long accepted = tries.stream().filter(Attempt::isAccepted).count();
      boolean refusedAny = tries.stream().anyMatch(Attempt::isRefused);
      assertThat(accepted)
          .as("uses of %s accepted: all it sent, or all its money covers", org)
          .isEqualTo(refusedAny ? usesTheMoneyCovers : tries.size());
      CustomerBalance balance = checker.balances().balance(org);
      assertThat(balance.balance().amount())
          .as("balance of %s", org)
          .isEqualByComparingTo(
              BigDecimal.valueOf(usesTheMoneyCovers).subtract(BigDecimal.valueOf(accepted)));
      assertStoredOnce(org, accepted);
    }
    ConcurrencyScenarios.assertLedgerClean(checker);
  }

  @ParameterizedTest(name = "group commit {0}")
  @ValueSource(booleans = {true, false})
  @Order(3)
  void theSameSourceRefsSentToEveryNodeAreChargedOnce(boolean grouped) {
    List<TallyCore> tallyOnNode = instancesOnEveryNode(grouped);
    Shop shop = Shop.selling(tallyOnNode.get(0), BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    // 100 pays for 100 of the 150 distinct uses
    CustomerBalance before = shop.customerWith("100", "0");
    List<UseCommand> commands =
        IntStream.range(0, 150)
            .mapToObj(i -> shop.use(String.format("retried-%03d", i), TOKENS_PER_USE))
            .toList();

    Outcomes<UseCommand, UseResult> outcomes =
        useConcurrently(
            tallyOnNode,
            thread -> {
              List<UseCommand> shuffled = new ArrayList<>(commands);
              Collections.shuffle(shuffled, new Random(17L * thread));
              return shuffled;
            });

    CustomerBalance after = checker.balances().balance(CUSTOMER);
    summary("same refs everywhere", grouped, outcomes, after);
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE);
    int threads = THREADS_PER_NODE * tallyOnNode.size();
    Map<String, List<Attempt<UseCommand, UseResult>>> byRef =
        outcomes.all().stream().collect(Collectors.groupingBy(Attempt::key));
    int charged = 0;
    for (Map.Entry<String, List<Attempt<UseCommand, UseResult>>> ref : byRef.entrySet()) {
      List<UseResult> results = ref.getValue().stream().flatMap(a -> a.result().stream()).toList();
      if (results.isEmpty()) {
        continue; // the money was gone before its first try
      }
      charged++;
      assertThat(results)
          .as("a ref accepted once is replayed to every later try, on any node: %s", ref.getKey())
          .hasSize(threads);
      assertThat(results.stream().map(r -> r.usage().id()).distinct())
          .as("every node answers %s with the same usage", ref.getKey())
          .hasSize(1);
      assertThat(results.stream().filter(r -> !r.replayed()))
          .as("tries of %s charged", ref.getKey())
          .hasSize(1);
    }
    assertThat(charged).as("distinct uses the money covers").isEqualTo(100);
    assertThat(before.balance().amount().subtract(after.balance().amount()))
        .isEqualByComparingTo(PRICE_PER_USE.multiply(BigDecimal.valueOf(charged)));
    assertStoredOnce(CUSTOMER, charged);
    ConcurrencyScenarios.assertLedgerClean(checker);
  }

  /**
   * The conflict Galera reports at COMMIT: a use on node 2 has locked and written the customer's
   * balance and is held open before its commit; meanwhile a use of the same customer on node 1
   * commits without waiting (row locks are local to a node). Node 2 then aborts its open
   * transaction, and its COMMIT fails with a deadlock error. Tally runs the held unit of work
   * again: with group commit on it is a group of three uses, which must be applied again as a
   * group, each use charged once.
   */
  @ParameterizedTest(name = "group commit {0}")
  @ValueSource(booleans = {true, false})
  @Order(4)
  void aUnitOfWorkThatFailsCertificationAtCommitIsRunAgainAndChargedOnce(boolean grouped)
      throws Exception {
    TallyCore onNodeOne = instanceOn(0, grouped);
    HikariDataSource nodeTwo = cluster.pool(1, 2);
    pools.add(nodeTwo);
    AtomicInteger heldRuns = new AtomicInteger();
    UnitOfWork storage = JdbiStorage.create(nodeTwo).unitOfWork();
    UnitOfWork counted =
        new UnitOfWork() {
          @Override
          public <T> T inTransaction(Function<Repositories, T> work) {
            return storage.inTransaction(
                repositories -> {
                  heldRuns.incrementAndGet();
                  return work.apply(repositories);
                });
          }
        };
    HeldOpenUnitOfWork held = new HeldOpenUnitOfWork(counted, Duration.ofSeconds(30));
    TallyCore heldOnNodeTwo =
        core(held, grouped ? GroupCommitSettings.DEFAULTS : GroupCommitSettings.OFF);
    Shop shop = Shop.selling(onNodeOne, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    CustomerBalance before = shop.customerWith("10", "0");
    List<UseCommand> heldUses =
        IntStream.range(0, grouped ? 3 : 1)
            .mapToObj(i -> shop.use("held-" + i, TOKENS_PER_USE))
            .toList();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      held.holdTheNext();
      Future<List<UseOutcome>> heldOutcomes =
          thread.submit(() -> heldOnNodeTwo.metering().useAll(heldUses));
      assertThat(held.awaitHolding(Duration.ofSeconds(10)))
          .as("the use on node 2 has written everything and waits before its commit")
          .isTrue();

      UseResult meanwhile = onNodeOne.metering().use(shop.use("meanwhile", TOKENS_PER_USE));
      assertThat(meanwhile.replayed()).isFalse();
      held.release();
      List<UseOutcome> outcomes = heldOutcomes.get(30, TimeUnit.SECONDS);
      assertThat(outcomes)
          .as("the held uses, committed after node 1's")
          .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(UseOutcome.Accepted.class));
      assertThat(outcomes)
          .allSatisfy(o -> assertThat(((UseOutcome.Accepted) o).result().replayed()).isFalse());
    } finally {
      held.release();
      thread.shutdownNow();
    }

    System.out.printf(
        Locale.ROOT,
        "[galera] certification failure at commit | group commit %s | runs of the held unit of work"
            + " %d%n",
        grouped,
        heldRuns.get());
    assertThat(heldRuns.get()).as("runs of the held unit of work").isGreaterThanOrEqualTo(2);
    if (grouped) {
      assertThat(heldOnNodeTwo.groupCommit().groupsAppliedAlone())
          .as("the group was run again as a group")
          .isZero();
    }
    int charged = heldUses.size() + 1;
    assertThat(
            before
                .balance()
                .amount()
                .subtract(checker.balances().balance(CUSTOMER).balance().amount()))
        .as("balance drop: the use on node 1 and the held uses, each once")
        .isEqualByComparingTo(PRICE_PER_USE.multiply(BigDecimal.valueOf(charged)));
    assertStoredOnce(CUSTOMER, charged);
    ConcurrencyScenarios.assertLedgerClean(checker);
  }

  /**
   * Node 3 is killed with SIGKILL once it has acknowledged 50 uses. A client whose call fails with
   * anything but a business refusal sends the same use to the next node, as a client behind a load
   * balancer would: the instances on nodes 1 and 2 go on serving, every use ends up acknowledged,
   * each stored once, whether node 3 acknowledged it, committed it without answering, or never got
   * it. Afterwards node 3 is restarted and must hold the same uses as node 1.
   */
  @Test
  @Order(5)
  void killingANodeInTheMiddleOfARunLosesNothingAcknowledged() throws Exception {
    List<TallyCore> tallyOnNode = instancesOnEveryNode(true);
    int killed = tallyOnNode.size() - 1;
    Shop shop = Shop.selling(tallyOnNode.get(0), BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    List<OrgId> orgs = new ArrayList<>(List.of(CUSTOMER));
    IntStream.range(0, 20).forEach(i -> orgs.add(OrgId.of(String.format("org-%02d", i))));
    orgs.forEach(org -> shop.customerWith(org, "10000", "0"));
    int usesPerThread = 100;
    AtomicInteger acknowledgedByKilled = new AtomicInteger();
    AtomicLong killedAtNanos = new AtomicLong(Long.MAX_VALUE);
    CompletableFuture<Void> killer =
        CompletableFuture.runAsync(
            () -> {
              while (acknowledgedByKilled.get() < 50) {
                sleepQuietly(Duration.ofMillis(5));
              }
              killedAtNanos.set(System.nanoTime());
              cluster.kill(killed);
            });

    try {
      Crowd.Run<List<Delivery>> run =
          Crowd.run(
              THREADS_PER_NODE * tallyOnNode.size(),
              thread -> {
                Random random = new Random(7L * thread);
                FailoverClient client =
                    new FailoverClient(tallyOnNode, thread % tallyOnNode.size());
                List<Delivery> deliveries = new ArrayList<>();
                for (int i = 0; i < usesPerThread; i++) {
                  // half the uses on the hot customer, half spread over the others
                  OrgId org = random.nextBoolean() ? CUSTOMER : orgs.get(1 + random.nextInt(20));
                  UseCommand use =
                      shop.use(org, String.format("t%02d-%03d", thread, i), TOKENS_PER_USE);
                  Delivery delivery = client.send(use);
                  deliveries.add(delivery);
                  if (delivery.acknowledgedBy().orElse(-1) == killed) {
                    acknowledgedByKilled.incrementAndGet();
                  }
                }
                return deliveries;
              });
      killer.get(10, TimeUnit.SECONDS);
      List<Delivery> deliveries = run.results().stream().flatMap(List::stream).toList();

      long failovers = deliveries.stream().mapToLong(d -> d.failures().size()).sum();
      long survivorsAfterKill =
          deliveries.stream()
              .filter(d -> d.acknowledgedBy().orElse(killed) != killed)
              .filter(d -> d.endNanos() > killedAtNanos.get())
              .count();
      long slowestAfterKillMillis =
          deliveries.stream()
              .filter(d -> d.startNanos() > killedAtNanos.get())
              .mapToLong(d -> TimeUnit.NANOSECONDS.toMillis(d.endNanos() - d.startNanos()))
              .max()
              .orElse(0);
      System.out.printf(
          Locale.ROOT,
          "[galera] kill -9 of node %d | uses %d | acknowledged %d | by node 3 before the kill %d"
              + " | failed over %d | acknowledged by nodes 1-2 after the kill %d"
              + " | slowest use started after the kill %d ms | %d ms%n",
          killed + 1,
          deliveries.size(),
          deliveries.stream().filter(d -> d.acknowledgedBy().isPresent()).count(),
          deliveries.stream().filter(d -> d.acknowledgedBy().orElse(-1) == killed).count(),
          failovers,
          survivorsAfterKill,
          slowestAfterKillMillis,
          run.elapsedMillis());

      assertThat(deliveries)
          .as("uses refused or not acknowledged by any node")
          .allSatisfy(d -> assertThat(d.acknowledgedBy()).as(d.use().sourceRef().id()).isPresent());
      assertThat(failovers)
          .as("calls that failed on the killed node and were sent again")
          .isPositive();
      assertThat(survivorsAfterKill)
          .as("uses nodes 1 and 2 acknowledged after the kill")
          .isPositive();
      assertThat(cluster.clusterSize(0))
          .as("members after the kill")
          .isEqualTo(tallyOnNode.size() - 1);
      for (OrgId org : orgs) {
        long sent = deliveries.stream().filter(d -> d.use().orgId().equals(org)).count();
        assertThat(checker.balances().balance(org).balance().amount())
            .as("balance of %s after %d uses", org, sent)
            .isEqualByComparingTo(new BigDecimal(10_000 - sent));
        assertStoredOnce(org, sent);
      }
      assertThat(deliveries.stream().map(d -> d.result().orElseThrow().usage().id()).distinct())
          .as("distinct usages acknowledged")
          .hasSize(deliveries.size());
      ConcurrencyScenarios.assertLedgerClean(checker);

      cluster.restartStoppedNodes();
      assertThat(cluster.awaitClusterSize(killed, tallyOnNode.size(), Duration.ofSeconds(30)))
          .as("node %d rejoined", killed + 1)
          .isTrue();
      try (HikariDataSource rejoined = cluster.pool(killed, 1)) {
        assertThat(new Tables(rejoined).usageRows(CUSTOMER))
            .as("the hot customer's uses on the restarted node")
            .isEqualTo(tables.usageRows(CUSTOMER));
      }
    } finally {
      // a failure above must not leave the next run a cluster of two
      cluster.restartStoppedNodes();
    }
  }

  /**
   * A client with failover, as behind a load balancer: it sends each use to its current node, and
   * on a failure that is not a business refusal moves on to the next node and sends the same use
   * again there, staying on that node afterwards. Each node is tried at most twice per use. Not
   * thread-safe: one per client thread.
   */
  private static final class FailoverClient {
    private final List<TallyCore> tallyOnNode;
    private int current;

    FailoverClient(List<TallyCore> tallyOnNode, int first) {
      this.tallyOnNode = tallyOnNode;
      this.current = first;
    }

    Delivery send(UseCommand use) {
      long start = System.nanoTime();
      List<RuntimeException> failures = new ArrayList<>();
      for (int attempt = 0; attempt < 2 * tallyOnNode.size(); attempt++) {
        try {
          UseResult result = tallyOnNode.get(current).metering().use(use);
          return new Delivery(
              use, Optional.of(current), Optional.of(result), failures, start, System.nanoTime());
        } catch (RuntimeException failure) {
          failures.add(failure);
          current = (current + 1) % tallyOnNode.size();
        }
      }
      return new Delivery(
          use, Optional.empty(), Optional.empty(), failures, start, System.nanoTime());
    }
  }

  /**
   * What became of one use a {@link FailoverClient} sent: the node that acknowledged it, if any.
   */
  private record Delivery(
      UseCommand use,
      Optional<Integer> acknowledgedBy,
      Optional<UseResult> result,
      List<RuntimeException> failures,
      long startNanos,
      long endNanos) {}

  /** Checks over JDBC that {@code org} has {@code uses} usage rows, each with one PAY. */
  private void assertStoredOnce(OrgId org, long uses) {
    assertThat(tables.usageRows(org)).as("usage rows of %s", org).isEqualTo(uses);
    assertThat(tables.usageRowsWithOnePay(org))
        .as("usage rows of %s with one PAY", org)
        .isEqualTo(uses);
    assertThat(tables.usagePayTransactions(org)).as("PAY transactions of %s", org).isEqualTo(uses);
  }

  /** One Tally instance per node, each on a pool of that node alone. */
  private List<TallyCore> instancesOnEveryNode(boolean grouped) {
    return IntStream.range(0, cluster.size()).mapToObj(node -> instanceOn(node, grouped)).toList();
  }

  /** A Tally instance on a pool of node {@code node} (0-based) alone. */
  private TallyCore instanceOn(int node, boolean grouped) {
    HikariDataSource pool = cluster.pool(node, 2 * THREADS_PER_NODE);
    pools.add(pool);
    return core(pool, grouped ? GroupCommitSettings.DEFAULTS : GroupCommitSettings.OFF);
  }

  private static TallyCore core(HikariDataSource pool, GroupCommitSettings groupCommit) {
    return core(JdbiStorage.create(pool).unitOfWork(), groupCommit);
  }

  private static TallyCore core(UnitOfWork unitOfWork, GroupCommitSettings groupCommit) {
    Clock clock = Clock.system();
    return new TallyCore(
        unitOfWork,
        clock,
        new TimeOrderedIds(clock),
        CoreSettings.DEFAULTS.withGroupCommit(groupCommit));
  }

  /** Runs each thread's commands in order on its node's instance (threads spread round-robin). */
  private static Outcomes<UseCommand, UseResult> useConcurrently(
      List<TallyCore> tallyOnNode, IntFunction<List<UseCommand>> commandsOf) {
    Crowd.Run<List<Attempt<UseCommand, UseResult>>> run =
        Crowd.run(
            THREADS_PER_NODE * tallyOnNode.size(),
            thread -> {
              TallyCore instance = tallyOnNode.get(thread % tallyOnNode.size());
              List<Attempt<UseCommand, UseResult>> attempts = new ArrayList<>();
              for (UseCommand command : commandsOf.apply(thread)) {
                attempts.add(
                    Attempt.of(
                        command.sourceRef().id(), command, () -> instance.metering().use(command)));
              }
              return attempts;
            });
    return new Outcomes<>(run.results(), run.elapsedMillis());
  }

  private static void sleepQuietly(Duration pause) {
    try {
      TimeUnit.NANOSECONDS.sleep(pause.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<String> overdraft(CustomerBalance balance) {
    if (balance.available().isNegative()
        || balance.balance().amount().compareTo(balance.creditLimit().amount().negate()) < 0) {
      return Optional.of("overdrawn: " + balance);
    }
    return Optional.empty();
  }

  private static void summary(
      String scenario, boolean grouped, Outcomes<?, ?> outcomes, CustomerBalance balance) {
    System.out.printf(
        Locale.ROOT,
        "[galera] %-22s | group commit %-5s | attempted %5d | accepted %5d | refused %5d"
            + " | balance %s | %6d ms%n",
        scenario,
        grouped,
        outcomes.attempted(),
        outcomes.acceptedCount(),
        outcomes.refusedCount(),
        balance.balance().amount().toPlainString(),
        outcomes.elapsedMillis());
  }
}
