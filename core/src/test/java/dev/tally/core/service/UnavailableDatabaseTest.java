package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.ProductResource;
import dev.tally.core.model.SourceRef;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.StorageUnavailableException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.SequentialIds;
import dev.tally.core.testing.TestTally;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch of uses while the database is unreachable fails after one attempt, grouped or not: each
 * attempt costs the pool's whole connection timeout, so trying each use of the batch (or of a
 * failed group) alone would keep the caller waiting that long once per use.
 */
class UnavailableDatabaseTest {

  @ParameterizedTest(name = "group commit {0}")
  @ValueSource(booleans = {true, false})
  void aBatchFailsAfterOneAttemptWhenTheDatabaseIsUnreachable(boolean groupCommit) {
    CoreSettings settings =
        CoreSettings.DEFAULTS.withGroupCommit(groupCommit ? GroupCommitSettings.DEFAULTS : GroupCommitSettings.OFF);
    TestTally tally = TestTally.create(settings);
    ProductResource chat = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("100");
    UnreachableDatabase database = new UnreachableDatabase();
    TallyCore server = new TallyCore(database, tally.clock(), new SequentialIds(), settings);
    List<UseCommand> batch =
        IntStream.range(0, 20)
            .mapToObj(i -> tally.aUse("acme", chat, "1000").sourceRef(SourceRef.of("chat", "r-" + i)).build())
            .toList();

    assertThatThrownBy(() -> server.metering().useAll(batch)).isInstanceOf(StorageUnavailableException.class);
    assertThat(database.attempts.get()).isEqualTo(1);
  }

  /** A database that gives no connection: every unit of work fails before it starts. */
  private static final class UnreachableDatabase implements UnitOfWork {
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public <T> T inTransaction(Function<Repositories, T> work) {
      attempts.incrementAndGet();
      throw new StorageUnavailableException("no connection within 1000 ms", null);
    }
  }
}
