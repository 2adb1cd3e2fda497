package dev.tally.core.service;

import static dev.tally.core.sync.SyncEntity.LLMAGE;
import static dev.tally.core.sync.SyncEntity.PRICING;
import static dev.tally.core.sync.SyncEntity.USERS;
import static dev.tally.core.testing.ScriptedUpstream.lastPage;
import static dev.tally.core.testing.ScriptedUpstream.llm;
import static dev.tally.core.testing.ScriptedUpstream.page;
import static dev.tally.core.testing.ScriptedUpstream.program;
import static dev.tally.core.testing.ScriptedUpstream.tombstone;
import static dev.tally.core.testing.ScriptedUpstream.tooManyRequests;
import static dev.tally.core.testing.ScriptedUpstream.unauthorized;
import static dev.tally.core.testing.ScriptedUpstream.unavailable;
import static dev.tally.core.testing.ScriptedUpstream.user;
import static dev.tally.core.testing.TestTally.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.base.VerifyException;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncReport.Outcome;
import dev.tally.core.sync.SyncState;
import dev.tally.core.sync.SyncStatus;
import dev.tally.core.testing.Samples;
import dev.tally.core.testing.ScriptedUpstream;
import dev.tally.core.testing.SequentialIds;
import dev.tally.core.testing.TestTally;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The base sync: pages stored one unit of work each with the cursor after them, resuming from the
 * stored cursor after a crash, tombstones, retries with backoff and jitter, failures recorded while
 * the last good cache keeps serving, and the lease that lets one server at a time sync an entity.
 * The upstream is scripted and the waits are recorded (moving the fake clock), so nothing sleeps.
 */
class SyncServiceTest {
  private static final Duration LEASE = SyncSettings.DEFAULTS.leaseTtl();

  private final TestTally tally = TestTally.create();
  private final ScriptedUpstream upstream = tally.upstream();
  private final Sync sync = tally.core().sync();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stopThreads() throws InterruptedException {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private SyncState state(SyncEntity entity) {
    return sync.states().stream()
        .filter(state -> state.entity() == entity)
        .findFirst()
        .orElseThrow();
  }

  private List<String> userIds() {
    return sync.entries(USERS, Optional.empty(), PageRequest.first(PageRequest.MAX_SIZE)).items()
        .stream()
        .map(CatalogEntry::id)
        .toList();
  }

  /** What another server does: takes the lease of {@code entity} until {@code until}. */
  private void leasedBy(String owner, SyncEntity entity, Instant until) {
    tally
        .store()
        .inTransaction(
            repos -> {
              SyncState state = repos.syncStates().lock(entity);
              repos.syncStates().save(state.started(owner, until, tally.clock().now()));
              return null;
            });
  }

  private static PricingProgram programme(String id, long version) {
    PricingProgram sample = Samples.pricingProgram(id);
    return new PricingProgram(
        sample.id(), sample.name(), sample.currency(), sample.discount(), sample.priceLists(),
        version);
  }

  // --- paging

  @Test
  void pullsEveryPageAndStoresEachWithTheCursorAfterIt() {
    upstream.answers(
        USERS,
        page("c1", user("u1", "acme", 1), user("u2", "acme", 1)),
        page("c2", user("u3", "globex", 4)),
        lastPage("c3", user("u4", "acme", 2)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.pages()).isEqualTo(3);
    assertThat(report.upserted()).isEqualTo(4);
    assertThat(report.deleted()).isZero();
    assertThat(report.retries()).isZero();
    assertThat(report.error()).isEmpty();
    assertThat(upstream.cursorsAsked(USERS)).containsExactly(null, "c1", "c2");
    assertThat(upstream.calls())
        .allSatisfy(call -> assertThat(call.limit()).isEqualTo(SyncSettings.DEFAULTS.pageSize()));
    assertThat(userIds()).containsExactly("u1", "u2", "u3", "u4");
    assertThat(sync.entries(USERS, Optional.of(OrgId.of("acme")), PageRequest.firstPage()).items())
        .extracting(CatalogEntry::id)
        .containsExactly("u1", "u2", "u4");
    SyncState state = state(USERS);
    assertThat(state.cursor()).contains("c3");
    assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
    assertThat(state.itemsSynced()).isEqualTo(4);
    assertThat(state.attempts()).isZero();
    assertThat(state.lastError()).isEmpty();
    assertThat(state.lastAttemptAt()).contains(START);
    assertThat(state.lastSuccessAt()).contains(START);
    assertThat(state.leaseOwner()).isEmpty();
    assertThat(state.leaseUntil()).isEmpty();
  }

  @Test
  void stampsTheEntriesItStoresWithTheClockAndKeepsTheUpstreamDocument() {
    tally.advance(Duration.ofMinutes(3));
    upstream.answers(LLMAGE, lastPage("l1", llm("gpt-4o", 7)));

    sync.run(LLMAGE);

    CatalogEntry stored = sync.entry(LLMAGE, "gpt-4o").orElseThrow();
    assertThat(stored.cachedAt()).isEqualTo(START.plus(Duration.ofMinutes(3)));
    assertThat(stored.version()).isEqualTo(7);
    assertThat(stored.json()).isEqualTo(llm("gpt-4o", 7).entry().json());
    assertThat(sync.entry(LLMAGE, "gpt-5")).isEmpty();
  }

  @Test
  void aNextRunContinuesFromTheCursorTheLastOneStored() {
    upstream.answers(USERS, lastPage("c1", user("u1", "acme", 1)));
    sync.run(USERS);
    upstream.answers(USERS, lastPage("c2", user("u1", "acme", 2), user("u2", "acme", 1)));

    SyncReport again = sync.run(USERS);

    assertThat(again.pages()).isEqualTo(1);
    assertThat(upstream.cursorsAsked(USERS)).containsExactly(null, "c1");
    assertThat(sync.entry(USERS, "u1").orElseThrow().version()).isEqualTo(2);
    assertThat(state(USERS).cursor()).contains("c2");
    assertThat(state(USERS).itemsSynced()).isEqualTo(3);
  }

  @Test
  void keepsTheCursorWhenTheLastPageHasNone() {
    upstream.answers(USERS, page("c1", user("u1", "acme", 1)), lastPage(null));

    SyncReport report = sync.run(USERS);

    assertThat(report.pages()).isEqualTo(2);
    assertThat(state(USERS).cursor()).contains("c1");
  }

  @Test
  void stopsAtAPageThatSaysItHasMoreButGivesNoCursor() {
    upstream.answers(
        USERS,
        page("c1", user("u1", "acme", 1)),
        new SyncPage(List.of(user("u2", "acme", 1)), Optional.empty(), true));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.pages()).isEqualTo(2);
    assertThat(upstream.remaining(USERS)).isZero();
    assertThat(state(USERS).cursor()).contains("c1");
  }

  @Test
  void failsRatherThanLoopWhenUpstreamDoesNotMoveTheCursorOn() {
    upstream.answers(USERS, page("c1", user("u1", "acme", 1)), page("c1", user("u2", "acme", 1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.error().orElseThrow()).contains("has_more with the cursor it was asked for");
    assertThat(userIds()).containsExactly("u1");
    assertThat(state(USERS).cursor()).contains("c1");
  }

  @Test
  void failsOnACursorTooLongToStore() {
    upstream.answers(USERS, page("x".repeat(256), user("u1", "acme", 1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.error().orElseThrow()).contains("a cursor of 256 characters");
    assertThat(userIds()).isEmpty();
  }

  // --- crashes between pages

  @Test
  void resumesFromTheStoredCursorAfterAFailureBetweenPagesLosingAndRepeatingNothing() {
    upstream
        .answers(
            USERS,
            page("c1", user("u1", "acme", 1), user("u2", "acme", 1)),
            page("c2", user("u3", "acme", 1)))
        .fails(USERS, unauthorized(USERS));

    SyncReport failed = sync.run(USERS);

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.pages()).isEqualTo(2);
    assertThat(userIds()).containsExactly("u1", "u2", "u3");
    assertThat(state(USERS).cursor()).contains("c2");
    assertThat(state(USERS).itemsSynced()).isEqualTo(3);

    upstream.answers(
        USERS, page("c3", user("u4", "acme", 1)), lastPage("c4", user("u5", "acme", 1)));
    SyncReport resumed = sync.run(USERS);

    assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(resumed.pages()).isEqualTo(2);
    assertThat(upstream.cursorsAsked(USERS)).containsExactly(null, "c1", "c2", "c2", "c3");
    assertThat(userIds()).containsExactly("u1", "u2", "u3", "u4", "u5");
    assertThat(state(USERS).cursor()).contains("c4");
    assertThat(state(USERS).itemsSynced()).isEqualTo(5);
    assertThat(state(USERS).status()).isEqualTo(SyncStatus.IDLE);
  }

  /** The process dies (an {@link Error}) while it waits for page 3. */
  @Test
  void resumesFromTheStoredCursorAfterACrashAndReleasesTheLeaseOnTheWayOut() {
    upstream
        .answers(
            USERS,
            page("c1", user("u1", "acme", 1), user("u2", "acme", 1)),
            page("c2", user("u3", "acme", 1)))
        .crashes(USERS, new OutOfMemoryError("Java heap space"));

    assertThatThrownBy(() -> sync.run(USERS))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage("Java heap space");

    SyncState afterCrash = state(USERS);
    assertThat(afterCrash.cursor()).contains("c2");
    assertThat(afterCrash.leaseOwner()).isEmpty();
    assertThat(afterCrash.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(afterCrash.lastError().orElseThrow()).contains("OutOfMemoryError: Java heap space");

    upstream.answers(USERS, lastPage("c3", user("u4", "acme", 1)));
    SyncReport resumed = tally.anotherServer("server-2").sync().run(USERS);

    assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(upstream.cursorsAsked(USERS)).containsExactly(null, "c1", "c2", "c2");
    assertThat(userIds()).containsExactly("u1", "u2", "u3", "u4");
    assertThat(state(USERS).itemsSynced()).isEqualTo(4);
  }

  @Test
  void releasesTheLeaseAndRethrowsWhenTheGatewayBreaksItsContract() {
    // a pricing programme in a page of users: a bug of the gateway, not a failure of upstream
    upstream.answers(
        USERS, page("c1", user("u1", "acme", 1)), lastPage("c2", program(programme("p1", 1))));

    assertThatThrownBy(() -> sync.run(USERS))
        .isInstanceOf(VerifyException.class)
        .hasMessageContaining("to a sync of USERS");

    assertThat(state(USERS).leaseOwner()).isEmpty();
    assertThat(state(USERS).cursor()).contains("c1");
    assertThat(userIds()).containsExactly("u1");
  }

  // --- tombstones

  @Test
  void tombstonesDeleteCachedEntries() {
    upstream.answers(
        USERS, lastPage("c1", user("u1", "acme", 1), user("u2", "acme", 1), user("u3", "acme", 1)));
    sync.run(USERS);
    upstream.answers(
        USERS, lastPage("c2", tombstone("u1"), user("u4", "acme", 1), tombstone("u3")));

    SyncReport report = sync.run(USERS);

    assertThat(report.deleted()).isEqualTo(2);
    assertThat(report.upserted()).isEqualTo(1);
    assertThat(userIds()).containsExactly("u2", "u4");
    assertThat(sync.entry(USERS, "u1")).isEmpty();
  }

  @Test
  void aTombstoneOfAnItemNeverCachedDeletesNothingAndStillCounts() {
    upstream.answers(LLMAGE, lastPage("l1", tombstone("ghost")));

    SyncReport report = sync.run(LLMAGE);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.deleted()).isEqualTo(1);
    assertThat(state(LLMAGE).itemsSynced()).isEqualTo(1);
  }

  @Test
  void tombstonesDeletePricingProgrammes() {
    upstream.answers(
        PRICING,
        lastPage("p1", program(programme("prog-1", 1)), program(programme("prog-2", 1))));
    sync.run(PRICING);
    upstream.answers(PRICING, lastPage("p2", tombstone("prog-1")));

    SyncReport report = sync.run(PRICING);

    assertThat(report.deleted()).isEqualTo(1);
    assertThat(tally.core().pricing().programs(PageRequest.firstPage()).items())
        .extracting(PricingProgram::id)
        .containsExactly(PricingProgramId.of("prog-2"));
    assertThat(
            TestTally.refusalOf(
                () -> tally.core().pricing().program(PricingProgramId.of("prog-1"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  // --- retries

  @Test
  void retriesAServerErrorAfterABackoffWithinItsCeiling() {
    upstream
        .fails(USERS, unavailable(USERS))
        .answers(USERS, lastPage("c1", user("u1", "acme", 1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.retries()).isEqualTo(1);
    assertThat(upstream.cursorsAsked(USERS)).containsExactly(null, null);
    assertThat(tally.pauses().waits())
        .singleElement()
        .satisfies(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(200)));
    assertThat(report.elapsed()).isEqualTo(tally.pauses().waits().get(0));
    SyncState state = state(USERS);
    assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
    assertThat(state.attempts()).isZero();
    assertThat(state.lastError()).isEmpty();
  }

  @Test
  void doublesTheBackoffCeilingWithEachRetryUpToTheCap() {
    CoreSettings settings =
        CoreSettings.DEFAULTS.withSync(
            SyncSettings.DEFAULTS.withRetries(Duration.ofSeconds(1), Duration.ofSeconds(5), 6));
    TestTally slow = TestTally.create(settings);
    for (int i = 0; i < 5; i++) {
      slow.upstream().fails(USERS, unavailable(USERS));
    }
    slow.upstream().answers(USERS, lastPage("c1"));

    SyncReport report = slow.core().sync().run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.retries()).isEqualTo(5);
    List<Duration> waits = slow.pauses().waits();
    List<Duration> ceilings =
        Arrays.asList(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(waits).hasSize(5);
    for (int i = 0; i < waits.size(); i++) {
      assertThat(SyncService.backoffCeiling(settings.sync(), i + 1)).isEqualTo(ceilings.get(i));
      assertThat(waits.get(i)).isBetween(Duration.ZERO, ceilings.get(i));
    }
  }

  @Test
  void spreadsTheWaitsOfManyRetriesAtRandom() {
    List<Duration> firstWaits = new ArrayList<>();
    for (int run = 0; run < 20; run++) {
      TestTally one = TestTally.create();
      one.upstream().fails(USERS, unavailable(USERS)).answers(USERS, lastPage("c1"));
      one.core().sync().run(USERS);
      firstWaits.add(one.pauses().waits().get(0));
    }

    assertThat(firstWaits)
        .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(200)));
    assertThat(firstWaits.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void waitsAtLeastWhatRetryAfterAsks() {
    upstream
        .fails(USERS, tooManyRequests(USERS, Duration.ofSeconds(7)))
        .answers(USERS, lastPage("c1", user("u1", "acme", 1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(report.retries()).isEqualTo(1);
    assertThat(tally.pauses().waits())
        .singleElement()
        .satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    assertThat(report.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void givesUpRatherThanWaitLongerThanALease() {
    upstream
        .answers(USERS, page("c1", user("u1", "acme", 1)))
        .fails(USERS, tooManyRequests(USERS, Duration.ofHours(1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.error().orElseThrow())
        .contains("429 Too Many Requests")
        .contains("longer than a lease");
    assertThat(tally.pauses().waits()).isEmpty();
    assertThat(state(USERS).cursor()).contains("c1");
  }

  @Test
  void renewsTheLeaseBeforeEachWaitSoThatItOutlastsTheWait() {
    AtomicInteger checks = new AtomicInteger();
    upstream
        .fails(USERS, tooManyRequests(USERS, Duration.ofMinutes(4)))
        .then(
            USERS,
            call -> {
              // four minutes later, when the retry is made
              SyncState during = state(USERS);
              assertThat(during.status()).isEqualTo(SyncStatus.RUNNING);
              assertThat(during.attempts()).isEqualTo(1);
              assertThat(during.lastError().orElseThrow()).contains("429");
              assertThat(during.leaseUntil().orElseThrow())
                  .isAfterOrEqualTo(tally.clock().now().plus(LEASE));
              checks.incrementAndGet();
              return lastPage("c1");
            });

    assertThat(sync.run(USERS).outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(checks).hasValue(1);
  }

  @Test
  void recordsTheFailureWhenTheRetriesRunOutAndKeepsTheLastGoodCache() {
    upstream.answers(USERS, lastPage("c1", user("u1", "acme", 1)));
    sync.run(USERS);
    tally.advance(Duration.ofMinutes(10));
    Instant secondRun = tally.clock().now();
    for (int i = 0; i < SyncSettings.DEFAULTS.maxAttempts(); i++) {
      upstream.fails(USERS, unavailable(USERS));
    }

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.retries()).isEqualTo(5);
    assertThat(report.pages()).isZero();
    assertThat(report.error()).contains("upstream users answered 503 Service Unavailable");
    assertThat(tally.pauses().waits()).hasSize(5);
    assertThat(upstream.cursorsAsked(USERS))
        .containsExactly(null, "c1", "c1", "c1", "c1", "c1", "c1");
    SyncState state = state(USERS);
    assertThat(state.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(state.lastError()).contains("upstream users answered 503 Service Unavailable");
    assertThat(state.attempts()).isEqualTo(6);
    assertThat(state.cursor()).contains("c1");
    assertThat(state.leaseOwner()).isEmpty();
    assertThat(state.leaseUntil()).isEmpty();
    assertThat(state.lastAttemptAt()).contains(secondRun);
    assertThat(state.lastSuccessAt()).contains(START);
    assertThat(userIds()).containsExactly("u1");
  }

  @Test
  void failsAtOnceWithoutRetryingWhatRetryingDoesNotMend() {
    upstream.fails(USERS, unauthorized(USERS));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.retries()).isZero();
    assertThat(report.error())
        .contains("upstream users answered 401 Unauthorized; check its credentials");
    assertThat(tally.pauses().waits()).isEmpty();
    assertThat(upstream.calls()).hasSize(1);
    SyncState state = state(USERS);
    assertThat(state.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(state.attempts()).isEqualTo(1);
    assertThat(state.lastError())
        .contains("upstream users answered 401 Unauthorized; check its credentials");
    assertThat(state.leaseOwner()).isEmpty();
  }

  @Test
  void aRunThatCompletesClearsTheFailureBeforeIt() {
    upstream.fails(USERS, unauthorized(USERS));
    sync.run(USERS);
    upstream.answers(USERS, lastPage("c1", user("u1", "acme", 1)));

    sync.run(USERS);

    SyncState state = state(USERS);
    assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
    assertThat(state.lastError()).isEmpty();
    assertThat(state.attempts()).isZero();
  }

  @Test
  void aCoreWithoutUpstreamRefusesEverySyncSayingSoAndRecordsNothing() {
    TallyCore bare =
        new TallyCore(tally.store(), tally.clock(), new SequentialIds(), CoreSettings.DEFAULTS);
    SyncState before = state(LLMAGE);

    // asking for what is not configured is the caller's mistake, not an upstream failure (5xx)
    assertThat(TestTally.refusalOf(() -> bare.sync().run(LLMAGE))).isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(state(LLMAGE)).isEqualTo(before);
  }

  // --- the lease

  @Test
  void answersBusyAndTouchesNothingWhileAnotherServerHoldsTheLease() {
    leasedBy("server-2", USERS, START.plus(Duration.ofMinutes(1)));
    SyncState before = state(USERS);
    upstream.answers(USERS, lastPage("c1", user("u1", "acme", 1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.BUSY);
    assertThat(report.error().orElseThrow()).contains("being synced by server-2");
    assertThat(report.pages()).isZero();
    assertThat(upstream.calls()).isEmpty();
    assertThat(state(USERS)).isEqualTo(before);
    assertThat(userIds()).isEmpty();
  }

  @Test
  void takesOverALeaseThatExpired() {
    leasedBy("server-2", USERS, START.plus(Duration.ofMinutes(1)));
    tally.advance(Duration.ofMinutes(1));
    upstream.answers(USERS, lastPage("c1", user("u1", "acme", 1)));

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(userIds()).containsExactly("u1");
    assertThat(state(USERS).leaseOwner()).isEmpty();
    assertThat(state(USERS).status()).isEqualTo(SyncStatus.IDLE);
  }

  @Test
  void renewsTheLeaseWithEveryPageItStores() {
    upstream
        .answers(USERS, page("c1", user("u1", "acme", 1)))
        .then(
            USERS,
            call -> {
              tally.advance(Duration.ofMinutes(4));
              SyncState during = state(USERS);
              assertThat(during.leaseOwner()).contains(TestTally.SERVER);
              assertThat(during.leaseUntil()).contains(START.plus(LEASE));
              assertThat(during.status()).isEqualTo(SyncStatus.RUNNING);
              tally.advance(Duration.ofMinutes(2));
              // six minutes in: the first lease ran out, nobody took it; this page renews it
              return page("c2", user("u2", "acme", 1));
            })
        .then(
            USERS,
            call -> {
              assertThat(state(USERS).leaseUntil())
                  .contains(START.plus(Duration.ofMinutes(6)).plus(LEASE));
              return lastPage("c3");
            });

    assertThat(sync.run(USERS).outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(upstream.remaining(USERS)).isZero();
  }

  @Test
  void stopsWithoutStoringWhenAnotherServerTookTheLeaseOver() {
    upstream
        .answers(USERS, page("c1", user("u1", "acme", 1)))
        .then(
            USERS,
            call -> {
              // this server stalled past its lease; another one took the entity over
              tally.advance(LEASE.plusSeconds(1));
              leasedBy("server-2", USERS, tally.clock().now().plus(LEASE));
              return lastPage("c2", user("u2", "acme", 1));
            });

    SyncReport report = sync.run(USERS);

    assertThat(report.outcome()).isEqualTo(Outcome.BUSY);
    assertThat(report.pages()).isEqualTo(1);
    assertThat(report.error().orElseThrow()).contains("lost").contains("server-2");
    assertThat(userIds()).containsExactly("u1");
    SyncState state = state(USERS);
    assertThat(state.leaseOwner()).contains("server-2");
    assertThat(state.cursor()).contains("c1");
    assertThat(state.status()).isEqualTo(SyncStatus.RUNNING);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void twoServersRacingToSyncAnEntityNeverBothRunIt() throws Exception {
    Sync serverA = tally.core().sync();
    Sync serverB = tally.anotherServer("server-2").sync();
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger mostConcurrent = new AtomicInteger();
    upstream.then(
        USERS,
        call -> {
          mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          fetching.countDown();
          try {
            assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            return lastPage("c1", user("u1", "acme", 1));
          } finally {
            concurrent.decrementAndGet();
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pools.add(pool);
    CyclicBarrier together = new CyclicBarrier(2);

    Future<SyncReport> a =
        pool.submit(
            () -> {
              together.await();
              return serverA.run(USERS);
            });
    Future<SyncReport> b =
        pool.submit(
            () -> {
              together.await();
              return serverB.run(USERS);
            });
    assertThat(fetching.await(20, TimeUnit.SECONDS)).isTrue();
    // one of them holds the lease and waits for its page: the other has answered busy already
    SyncReport loser = awaitFirstDone(a, b);
    release.countDown();
    SyncReport first = a.get(20, TimeUnit.SECONDS);
    SyncReport second = b.get(20, TimeUnit.SECONDS);

    assertThat(loser.outcome()).isEqualTo(Outcome.BUSY);
    assertThat(List.of(first.outcome(), second.outcome()))
        .containsExactlyInAnyOrder(Outcome.COMPLETED, Outcome.BUSY);
    assertThat(upstream.calls()).hasSize(1);
    assertThat(mostConcurrent).hasValue(1);
    assertThat(userIds()).containsExactly("u1");
    assertThat(state(USERS).leaseOwner()).isEmpty();
  }

  private static SyncReport awaitFirstDone(Future<SyncReport> a, Future<SyncReport> b)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (a.isDone()) {
        return a.get();
      }
      if (b.isDone()) {
        return b.get();
      }
      Thread.sleep(5);
    }
    throw new AssertionError("neither sync answered while the other waited for its page");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void answersBusyToASecondRunOfTheSameEntityInTheSameProcess() throws Exception {
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    upstream.then(
        USERS,
        call -> {
          fetching.countDown();
          assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
          return lastPage("c1", user("u1", "acme", 1));
        });
    upstream.answers(LLMAGE, lastPage("l1", llm("gpt-4o", 1)));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pools.add(pool);
    Future<SyncReport> running = pool.submit(() -> sync.run(USERS));
    assertThat(fetching.await(20, TimeUnit.SECONDS)).isTrue();

    SyncReport second = sync.run(USERS);
    SyncReport otherEntity = sync.run(LLMAGE);
    release.countDown();

    assertThat(second.outcome()).isEqualTo(Outcome.BUSY);
    assertThat(second.error().orElseThrow()).contains("already running in this process");
    assertThat(otherEntity.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(running.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.COMPLETED);
    upstream.answers(USERS, lastPage("c2"));
    assertThat(sync.run(USERS).outcome()).isEqualTo(Outcome.COMPLETED);
  }

  // --- reading the state and the caches

  @Test
  void showsTheStateOfEveryEntityInOrderNeverSyncedOnesIncluded() {
    upstream.answers(LLMAGE, lastPage("l1", llm("gpt-4o", 1)));
    sync.run(LLMAGE);

    List<SyncState> states = sync.states();

    assertThat(states).extracting(SyncState::entity).containsExactly(SyncEntity.values());
    assertThat(states.get(0)).isEqualTo(SyncState.initial(USERS));
    assertThat(states.get(3).cursor()).contains("l1");
    assertThat(states.get(3).lastSuccessAt()).contains(START);
  }

  @Test
  void refusesToReadPricingThroughTheCatalogueAndUsersOnlyByOrg() {
    assertThat(TestTally.refusalOf(() -> sync.entry(PRICING, "prog-1")))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(
            TestTally.refusalOf(
                () -> sync.entries(LLMAGE, Optional.of(OrgId.of("acme")), PageRequest.firstPage())))
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }
}
