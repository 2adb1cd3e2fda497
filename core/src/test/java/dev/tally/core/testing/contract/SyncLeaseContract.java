package dev.tally.core.testing.contract;

import static dev.tally.core.testing.ScriptedUpstream.lastPage;
import static dev.tally.core.testing.ScriptedUpstream.page;
import static dev.tally.core.testing.ScriptedUpstream.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncReport.Outcome;
import dev.tally.core.sync.SyncState;
import dev.tally.core.sync.SyncStatus;
import dev.tally.core.testing.FakeClock;
import dev.tally.core.testing.RecordingPause;
import dev.tally.core.testing.Samples;
import dev.tally.core.testing.ScriptedUpstream;
import dev.tally.core.testing.SequentialIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sync over a real storage: the lease in {@code sync_state} keeps servers sharing the storage
 * from syncing one entity at once, and a page is stored with the cursor after it, so that a crash
 * between pages loses and repeats nothing. Each server is a {@link TallyCore} of its own (its own
 * process id) over the same storage. Subclasses give a fresh, empty store per test.
 */
public abstract class SyncLeaseContract {
  private final FakeClock clock = new FakeClock(Samples.T0);
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private TallyCore server(String processId, UpstreamGateway upstream) {
    CoreSettings settings =
        CoreSettings.DEFAULTS.withSync(CoreSettings.DEFAULTS.sync().withProcessId(processId));
    return TallyCore.builder(store, clock, new SequentialIds(processId))
        .settings(settings)
        .upstream(upstream)
        .pause(RecordingPause.recording())
        .build();
  }

  private SyncState usersState(TallyCore server) {
    return server.sync().states().get(SyncEntity.USERS.ordinal());
  }

  private List<String> userIds(TallyCore server) {
    return server
        .sync()
        .entries(SyncEntity.USERS, Optional.empty(), PageRequest.first(PageRequest.MAX_SIZE))
        .items()
        .stream()
        .map(CatalogEntry::id)
        .toList();
  }

  /**
   * Four servers run the sync of one entity over and over, each run fetching one slow page: at no
   * moment do two of them fetch, every run either completes or answers busy, and every completed
   * run stored its page.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  public void serversSharingTheStorageNeverSyncAnEntityAtOnce() throws Exception {
    AtomicInteger fetching = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger pages = new AtomicInteger();
    UpstreamGateway slow =
        (entity, cursor, limit) -> {
          mostAtOnce.accumulateAndGet(fetching.incrementAndGet(), Math::max);
          try {
            Thread.sleep(3);
            int n = pages.incrementAndGet();
            return lastPage("c" + n, user("u" + n, "acme", n));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          } finally {
            fetching.decrementAndGet();
          }
        };
    int servers = 4;
    int runsEach = 15;
    ExecutorService pool = Executors.newFixedThreadPool(servers);
    CountDownLatch start = new CountDownLatch(1);
    List<SyncReport> reports = new ArrayList<>();
    try {
      List<Future<List<SyncReport>>> workers = new ArrayList<>();
      for (int s = 0; s < servers; s++) {
        TallyCore server = server("server-" + s, slow);
        Callable<List<SyncReport>> worker =
            () -> {
              start.await();
              List<SyncReport> mine = new ArrayList<>();
              for (int i = 0; i < runsEach; i++) {
                mine.add(server.sync().run(SyncEntity.USERS));
              }
              return mine;
            };
        workers.add(pool.submit(worker));
      }
      start.countDown();
      for (Future<List<SyncReport>> worker : workers) {
        reports.addAll(worker.get(90, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    long completed = reports.stream().filter(r -> r.outcome() == Outcome.COMPLETED).count();
    assertThat(reports)
        .extracting(SyncReport::outcome)
        .containsOnly(Outcome.COMPLETED, Outcome.BUSY)
        .contains(Outcome.COMPLETED);
    assertThat(mostAtOnce).hasValue(1);
    assertThat(completed).isEqualTo(pages.get());
    TallyCore reader = server("reader", slow);
    SyncState state = usersState(reader);
    assertThat(state.itemsSynced()).isEqualTo(completed);
    assertThat(state.cursor()).contains("c" + completed);
    assertThat(state.leaseOwner()).isEmpty();
    assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
    assertThat(userIds(reader)).hasSize((int) completed);
  }

  @Test
  public void anotherServerResumesFromTheStoredCursorAfterACrashBetweenPages() {
    ScriptedUpstream upstream =
        new ScriptedUpstream()
            .answers(
                SyncEntity.USERS,
                page("c1", user("u1", "acme", 1), user("u2", "acme", 1)),
                page("c2", user("u3", "acme", 1)))
            .crashes(SyncEntity.USERS, new StackOverflowError("crash"));
    TallyCore first = server("server-1", upstream);

    assertThatThrownBy(() -> first.sync().run(SyncEntity.USERS))
        .isInstanceOf(StackOverflowError.class);
    assertThat(usersState(first).cursor()).contains("c2");
    assertThat(usersState(first).leaseOwner()).isEmpty();

    upstream.answers(SyncEntity.USERS, lastPage("c3", user("u4", "acme", 1)));
    TallyCore second = server("server-2", upstream);
    SyncReport resumed = second.sync().run(SyncEntity.USERS);

    assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(upstream.cursorsAsked(SyncEntity.USERS)).containsExactly(null, "c1", "c2", "c2");
    assertThat(userIds(second)).containsExactly("u1", "u2", "u3", "u4");
    assertThat(usersState(second).itemsSynced()).isEqualTo(4);
    assertThat(usersState(second).cursor()).contains("c3");
  }
}
