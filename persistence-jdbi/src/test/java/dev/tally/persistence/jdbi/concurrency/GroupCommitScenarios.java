package dev.tally.persistence.jdbi.concurrency;

import static dev.tally.persistence.jdbi.concurrency.Shop.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.in.UseOutcome;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.GroupCommitReport;
import dev.tally.core.service.GroupCommitSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.service.TimeOrderedIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on one database: uses that land in one group (threads released together, the group
 * held open until all have arrived) each get the answer they would get alone, whatever their
 * neighbours are: fresh uses, a retry of the same request, a changed request under a used source
 * ref, uses the money no longer covers. Each use costs 1.0000 CNY; the customer has 10.
 */
abstract class GroupCommitScenarios {
  private static final String UNIT_PRICE = "0.001";
  private static final String UNIT_COST = "0.0005";
  private static final long TOKENS_PER_USE = 1000;
  private static final int FRESH_USES = 20;
  private static final int USES_THE_MONEY_COVERS = 10;
  // the fresh uses, a retry of the first and a changed request under the second's ref
  private static final int GROUP_SIZE = FRESH_USES + 2;

  abstract TestDatabase database();

  private JdbiStorage storage;
  private Tables tables;

  @BeforeEach
  void emptyDatabase() {
    storage = database().emptyStorage();
    tables = new Tables(database().dataSource());
  }

  @Test
  void eachCallerOfOneGroupGetsItsOwnAnswer() {
    TallyCore core = grouped(storage.unitOfWork(), GROUP_SIZE);
    List<UseCommand> commands = oneGroupOfUses(customerOf(core));

    Outcomes<UseCommand, UseResult> outcomes = useTogether(core, commands);

    assertThat(core.groupCommit())
        .as("all in one group, applied together")
        .isEqualTo(new GroupCommitReport(1, GROUP_SIZE, 0));
    assertEachAnswerIsItsOwn(outcomes);
    assertChargedOncePerAcceptedRef(core);
  }

  @Test
  void aGroupWhoseUnitOfWorkFailsIsAppliedOneByOne() {
    // the group's writes fail as a deadlock would; a lone use writes its one row, which works
    UnitOfWork failingGroups =
        new UnitOfWork() {
          @Override
          public <T> T inTransaction(Function<Repositories, T> work) {
            return storage
                .unitOfWork()
                .inTransaction(repos -> work.apply(new FailingGroupWrites(repos)));
          }
        };
    TallyCore core = grouped(failingGroups, GROUP_SIZE);
    List<UseCommand> commands = oneGroupOfUses(customerOf(core));

    Outcomes<UseCommand, UseResult> outcomes = useTogether(core, commands);

    assertThat(core.groupCommit())
        .as("the group failed and its uses were applied alone")
        .isEqualTo(new GroupCommitReport(0, 0, 1));
    assertEachAnswerIsItsOwn(outcomes);
    assertChargedOncePerAcceptedRef(core);
  }

  @Test
  void aBatchIsAppliedInOrderInOneGroupLikeOneByOne() {
    TallyCore core = coreWith(storage.unitOfWork(), GroupCommitSettings.DEFAULTS);
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    shop.customerWith("10", "0");
    List<UseCommand> batch = new ArrayList<>();
    IntStream.range(0, 12).forEach(i -> batch.add(shop.use(ref(i), TOKENS_PER_USE)));
    batch.add(shop.use(ref(3), TOKENS_PER_USE));
    batch.add(changedBody(shop, ref(4)));
    batch.add(shop.use(ref(10), TOKENS_PER_USE));

    List<UseOutcome> outcomes = core.metering().useAll(batch);

    assertThat(core.groupCommit()).isEqualTo(new GroupCommitReport(1, batch.size(), 0));
    for (int i = 0; i < 10; i++) {
      assertThat(outcomes.get(i)).as("use %s", i).isInstanceOf(UseOutcome.Accepted.class);
    }
    assertThat(refusal(outcomes.get(10))).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertThat(refusal(outcomes.get(11))).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    UseResult replay = ((UseOutcome.Accepted) outcomes.get(12)).result();
    assertThat(replay.replayed()).as("the same request again is a replay").isTrue();
    assertThat(replay.usage().id())
        .isEqualTo(((UseOutcome.Accepted) outcomes.get(3)).result().usage().id());
    assertThat(refusal(outcomes.get(13))).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(refusal(outcomes.get(14))).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
    assertChargedOncePerAcceptedRef(core);
  }

  @Test
  void oneSourceRefUnderCustomersOfTwoLanesAtOnceIsChargedOnce() {
    // acme (CUSTOMER) and beta go to different lanes of two: their units of work meet inside
    // their transactions, so that both look for the ref before either has written it (on H2 the
    // units of work of one process run one at a time, so they cannot meet)
    boolean unitsOfWorkRunAtOnce = database() != TestDatabase.H2;
    OrgId beta = OrgId.of("beta");
    MeetingUnitOfWork meeting =
        new MeetingUnitOfWork(storage.unitOfWork(), Duration.ofSeconds(10));
    TallyCore core = coreWith(meeting, GroupCommitSettings.DEFAULTS.withLanes(2));
    Shop shop = customerOf(core);
    shop.customerWith(beta, "10", "0");
    List<UseCommand> commands =
        List.of(shop.use(ref(0), TOKENS_PER_USE), shop.use(beta, ref(0), TOKENS_PER_USE));
    if (unitsOfWorkRunAtOnce) {
      meeting.meetTheNext(2);
    }

    Outcomes<UseCommand, UseResult> outcomes = useTogether(core, commands);

    if (unitsOfWorkRunAtOnce) {
      assertThat(meeting.met()).as("the two lanes had their units of work open at once").isTrue();
    }
    outcomes.assertNoFailures().assertRefusedOnlyWith(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(outcomes.accepted())
        .singleElement()
        .matches(accepted -> !accepted.result().orElseThrow().replayed());
    assertThat(outcomes.refusalsByCode()).containsEntry(ErrorCode.IDEMPOTENCY_CONFLICT, 1);
    assertThat(tables.usageRows(CUSTOMER) + tables.usageRows(beta)).as("usage rows").isOne();
    BigDecimal left =
        core.balances()
            .balance(CUSTOMER)
            .balance()
            .amount()
            .add(core.balances().balance(beta).balance().amount());
    assertThat(left).as("one use charged of 20 CNY").isEqualByComparingTo("19");
    assertThat(core.ledger().verify().violations()).as("ledger verify").isEmpty();
  }

  /**
   * Twenty fresh uses, the first of them sent twice (a retry), the second sent again with another
   * user (a changed request under a used ref).
   */
  private static List<UseCommand> oneGroupOfUses(Shop shop) {
    List<UseCommand> commands = new ArrayList<>();
    IntStream.range(0, FRESH_USES).forEach(i -> commands.add(shop.use(ref(i), TOKENS_PER_USE)));
    commands.add(shop.use(ref(0), TOKENS_PER_USE));
    commands.add(changedBody(shop, ref(1)));
    return commands;
  }

  /** The shop, with a customer who has 10 CNY and no credit. */
  private static Shop customerOf(TallyCore core) {
    Shop shop = Shop.selling(core, BillingMode.PAY_PER_USE, UNIT_PRICE, UNIT_COST);
    shop.customerWith("10", "0");
    return shop;
  }

  private static String ref(int i) {
    return String.format("grouped-%02d", i);
  }

  /** The same use under {@code ref} by another user: a different request. */
  private static UseCommand changedBody(Shop shop, String ref) {
    return UseCommand.builder(shop.productId(), UserId.of("user-2"), CUSTOMER)
        .used(Quantity.of(TOKENS_PER_USE, Unit.TOKEN))
        .sourceRef(SourceRef.of(Shop.SOURCE_TABLE, ref))
        .build();
  }

  /** Every caller's own answer, checked against what the others got. */
  private static void assertEachAnswerIsItsOwn(Outcomes<UseCommand, UseResult> outcomes) {
    outcomes
        .assertNoFailures()
        .assertRefusedOnlyWith(ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.IDEMPOTENCY_CONFLICT);
    Map<String, List<Attempt<UseCommand, UseResult>>> byRef =
        outcomes.all().stream().collect(Collectors.groupingBy(Attempt::key));
    long charged =
        outcomes.accepted().filter(a -> !a.result().orElseThrow().replayed()).count();
    assertThat(charged).as("fresh uses charged").isEqualTo(USES_THE_MONEY_COVERS);

    List<Attempt<UseCommand, UseResult>> retried = byRef.get(ref(0));
    if (retried.get(0).isAccepted() || retried.get(1).isAccepted()) {
      assertThat(retried).as("a retry and its original").allMatch(Attempt::isAccepted);
      assertThat(retried.stream().map(a -> a.result().orElseThrow().usage().id()).distinct())
          .as("one usage for both")
          .hasSize(1);
      assertThat(retried.stream().filter(a -> a.result().orElseThrow().replayed()))
          .as("exactly one is a replay")
          .hasSize(1);
    } else {
      assertThat(retried)
          .allMatch(a -> a.refusal().orElseThrow() == ErrorCode.INSUFFICIENT_BALANCE);
    }

    List<Attempt<UseCommand, UseResult>> changed = byRef.get(ref(1));
    if (changed.stream().anyMatch(Attempt::isAccepted)) {
      assertThat(changed.stream().filter(Attempt::isAccepted)).hasSize(1);
      assertThat(changed.stream().filter(a -> a.refusal().isPresent()))
          .singleElement()
          .matches(a -> a.refusal().orElseThrow() == ErrorCode.IDEMPOTENCY_CONFLICT);
    } else {
      assertThat(changed)
          .allMatch(a -> a.refusal().orElseThrow() == ErrorCode.INSUFFICIENT_BALANCE);
    }
    assertThat(outcomes.refusalsByCode().getOrDefault(ErrorCode.IDEMPOTENCY_CONFLICT, 0))
        .as("only the changed request conflicts")
        .isLessThanOrEqualTo(1);
  }

  /** One charge per accepted ref, the balance moved by exactly those, a clean ledger. */
  private void assertChargedOncePerAcceptedRef(TallyCore core) {
    BigDecimal spent = new BigDecimal(USES_THE_MONEY_COVERS);
    assertThat(core.balances().balance(CUSTOMER).balance().amount()).isZero();
    assertThat(tables.usageRows(CUSTOMER)).as("usage rows").isEqualTo(USES_THE_MONEY_COVERS);
    assertThat(tables.usageRowsWithOnePay(CUSTOMER))
        .as("usage rows with one PAY")
        .isEqualTo(USES_THE_MONEY_COVERS);
    assertThat(tables.usagePayTransactions(CUSTOMER))
        .as("PAY transactions of uses")
        .isEqualTo(USES_THE_MONEY_COVERS);
    assertThat(tables.usageTotal("sell_price", CUSTOMER)).isEqualByComparingTo(spent);
    assertThat(core.ledger().verify().violations()).as("ledger verify").isEmpty();
  }

  private static ErrorCode refusal(UseOutcome outcome) {
    assertThat(outcome).isInstanceOf(UseOutcome.Refused.class);
    return ((UseOutcome.Refused) outcome).code();
  }

  /** All commands at once, one thread each; the group waits until all have arrived. */
  private static Outcomes<UseCommand, UseResult> useTogether(
      TallyCore core, List<UseCommand> commands) {
    Crowd.Run<List<Attempt<UseCommand, UseResult>>> run =
        Crowd.run(
            commands.size(),
            thread -> {
              UseCommand command = commands.get(thread);
              return List.of(
                  Attempt.of(
                      command.sourceRef().id(), command, () -> core.metering().use(command)));
            });
    return new Outcomes<>(run.results(), run.elapsedMillis());
  }

  /** A core whose first use of a group waits, up to 10 s, until {@code groupSize} have arrived. */
  private static TallyCore grouped(UnitOfWork unitOfWork, int groupSize) {
    return coreWith(
        unitOfWork, new GroupCommitSettings(true, groupSize, Duration.ofSeconds(10), 1));
  }

  private static TallyCore coreWith(UnitOfWork unitOfWork, GroupCommitSettings groupCommit) {
    Clock clock = Clock.system();
    return new TallyCore(
        unitOfWork,
        clock,
        new TimeOrderedIds(clock),
        CoreSettings.DEFAULTS.withGroupCommit(groupCommit));
  }
}
