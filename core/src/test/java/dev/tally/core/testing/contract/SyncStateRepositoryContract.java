package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.SyncStateRepository;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncState;
import dev.tally.core.sync.SyncStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link SyncStateRepository} does: a lock reads an entity's state, creating the
 * initial one when there is none, and holds it against concurrent units of work until its own
 * ends; a save replaces every field of a locked state; all lists the states in {@link SyncEntity}
 * order. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes one instance
 * per test.
 */
public abstract class SyncStateRepositoryContract {
  private static final String LONGEST_ERROR = "upstream users answered 503: " + "x".repeat(971);

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<SyncStateRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.syncStates());
          return null;
        });
  }

  private <T> T read(Function<SyncStateRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.syncStates()));
  }

  private SyncState lock(SyncEntity entity) {
    return read(states -> states.lock(entity));
  }

  private List<SyncState> all() {
    return read(SyncStateRepository::all);
  }

  /** A state with every field set, the longest error and cursor the columns keep included. */
  private static SyncState everyFieldSet(SyncEntity entity) {
    return new SyncState(
        entity,
        Optional.of("c".repeat(SyncState.MAX_CURSOR_LENGTH)),
        SyncStatus.RUNNING,
        Optional.of(LONGEST_ERROR),
        3,
        1_234_567_890_123L,
        Optional.of(T0),
        Optional.of(minutesAfterT0(60)),
        Optional.of("o".repeat(SyncState.MAX_OWNER_LENGTH)),
        Optional.of(minutesAfterT0(65)));
  }

  private static SyncState counted(SyncState state) {
    return new SyncState(
        state.entity(), state.cursor(), state.status(), state.lastError(), state.attempts(),
        state.itemsSynced() + 1, state.lastSuccessAt(), state.lastAttemptAt(), state.leaseOwner(),
        state.leaseUntil());
  }

  @Test
  public void holdsNoStateBeforeTheFirstLock() {
    assertThat(all()).isEmpty();
  }

  @Test
  public void createsTheInitialStateOnTheFirstLockAndKeepsIt() {
    assertThat(lock(SyncEntity.USERS))
        .isEqualTo(SyncState.initial(SyncEntity.USERS));

    assertThat(all()).containsExactly(SyncState.initial(SyncEntity.USERS));
    assertThat(lock(SyncEntity.USERS))
        .isEqualTo(SyncState.initial(SyncEntity.USERS));
  }

  @Test
  public void roundTripsEveryFieldOfAState() {
    SyncState saved = everyFieldSet(SyncEntity.PRICING);

    write(
        states -> {
          states.lock(SyncEntity.PRICING);
          states.save(saved);
        });

    assertThat(lock(SyncEntity.PRICING)).isEqualTo(saved);
    assertThat(all()).containsExactly(saved);
  }

  @Test
  public void clearsTheOptionalFieldsOfAStateSavedWithoutThem() {
    write(
        states -> {
          states.lock(SyncEntity.UAPI);
          states.save(everyFieldSet(SyncEntity.UAPI));
        });
    SyncState failed = everyFieldSet(SyncEntity.UAPI).failed("upstream uapi answered 401", 1);
    SyncState restarted =
        new SyncState(
            SyncEntity.UAPI, Optional.empty(), SyncStatus.IDLE, Optional.empty(), 0, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    write(states -> states.save(failed));
    assertThat(lock(SyncEntity.UAPI)).isEqualTo(failed);
    assertThat(failed.leaseOwner()).isEmpty();
    write(states -> states.save(restarted));
    assertThat(lock(SyncEntity.UAPI)).isEqualTo(restarted);
  }

  @Test
  public void listsEveryStateInTheOrderOfTheEntities() {
    write(
        states -> {
          states.lock(SyncEntity.LLMAGE);
          states.lock(SyncEntity.USERS);
          states.lock(SyncEntity.UAPI);
          states.lock(SyncEntity.PRICING);
        });

    assertThat(all())
        .extracting(SyncState::entity)
        .containsExactly(SyncEntity.values());
  }

  @Test
  public void refusesToSaveTheStateOfAnEntityNeverLocked() {
    assertThatThrownBy(() -> write(states -> states.save(everyFieldSet(SyncEntity.LLMAGE))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(all()).isEmpty();
  }

  @Test
  public void forgetsACreationAndASaveRolledBack() {
    assertThatThrownBy(
            () ->
                write(
                    states -> {
                      states.lock(SyncEntity.USERS);
                      states.save(everyFieldSet(SyncEntity.USERS));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(all()).isEmpty();
  }

  /**
   * Many units of work lock the same entity, which none has created yet, and count in it: each
   * must see what the one before it saved, or a count is lost.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  public void losesNoUpdateOfAStateLockedByConcurrentUnitsOfWork() throws Exception {
    int threads = 6;
    int unitsEach = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<Void> worker =
            () -> {
              start.await();
              for (int i = 0; i < unitsEach; i++) {
                write(
                    states -> {
                      SyncState state = states.lock(SyncEntity.USERS);
                      // give a racing writer every chance to slip in between read and write
                      Thread.yield();
                      states.save(counted(state));
                    });
              }
              return null;
            };
        workers.add(pool.submit(worker));
      }
      start.countDown();
      for (Future<Void> worker : workers) {
        worker.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(lock(SyncEntity.USERS).itemsSynced())
        .isEqualTo(threads * unitsEach);
  }
}
