package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Verify.verify;
import static com.google.common.base.Verify.verifyNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.in.Sync;
import dev.tally.core.port.out.Pause;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncChange;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncReport.Outcome;
import dev.tally.core.sync.SyncState;
import dev.tally.core.sync.UpstreamException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The base sync of DESIGN section 4. A run of an entity:
 *
 * <ol>
 *   <li>takes the entity's lease in {@code sync_state} (one unit of work), or answers {@code busy}
 *       at once when another server holds an unexpired lease, or when a run of the entity is
 *       already going on in this process;
 *   <li>pulls pages from the stored cursor: each call outside any unit of work, each page stored
 *       in one unit of work that applies its changes, moves the cursor to the page's {@code next}
 *       and renews the lease, so that a crash between pages resumes where the last stored page
 *       ended, losing and repeating nothing;
 *   <li>retries a call that failed with a retryable {@link UpstreamException} with exponential
 *       backoff and full jitter, waiting at least what the upstream's {@code Retry-After} asks;
 *   <li>ends idle on success; on a permanent failure, or when the retries run out, records the
 *       failure (status, error, attempts) and keeps the pages already stored, which are valid; on
 *       any other exception records it likewise and rethrows it. The lease is released whatever
 *       the outcome, unless another server has taken it over meanwhile (then this run stops
 *       without touching the state, answering {@code busy}).
 * </ol>
 *
 * <p>A run of pricing invalidates the pricing cache after each page it stores. Thread-safe.
 */
final class SyncService implements Sync {
  private final Environment env;
  private final UpstreamGateway upstream;
  private final Pause pause;
  private final ReadThroughCache<PricingProgramId, PricingProgram> programs;
  private final ReadThroughCache<CatalogKey, CatalogEntry> entries;
  private final SyncSettings settings;
  private final String owner;
  private final Set<SyncEntity> running = ConcurrentHashMap.newKeySet();

  SyncService(
      Environment env,
      UpstreamGateway upstream,
      Pause pause,
      ReadThroughCache<PricingProgramId, PricingProgram> programs,
      ReadThroughCache<CatalogKey, CatalogEntry> entries,
      String owner) {
    this.env = env;
    this.upstream = checkNotNull(upstream, "upstream gateway");
    this.pause = checkNotNull(pause, "pause");
    this.programs = programs;
    this.entries = entries;
    this.settings = env.settings().sync();
    this.owner = SyncState.checkOwner(owner);
  }

  @Override
  public SyncReport run(SyncEntity entity) {
    checkNotNull(entity, "entity");
    if (!upstream.isConfigured()) {
      // the caller's mistake, not an upstream failure: refused before anything is recorded
      throw TallyException.of(
          ErrorCode.INVALID_STATE,
          "no upstream is configured (sync.base_url is empty); there is nothing to sync %s from",
          entity.code());
    }
    Run run = new Run(entity, env.now());
    if (!running.add(entity)) {
      return run.report(
          Outcome.BUSY,
          Optional.of("a sync of " + entity.code() + " is already running in this process"));
    }
    try {
      return run.execute();
    } finally {
      running.remove(entity);
    }
  }

  @Override
  public List<SyncState> states() {
    List<SyncState> stored = env.unitOfWork().inTransaction(repos -> repos.syncStates().all());
    Map<SyncEntity, SyncState> byEntity = new EnumMap<>(SyncEntity.class);
    stored.forEach(state -> byEntity.put(state.entity(), state));
    ImmutableList.Builder<SyncState> states = ImmutableList.builder();
    for (SyncEntity entity : SyncEntity.values()) {
      states.add(byEntity.getOrDefault(entity, SyncState.initial(entity)));
    }
    return states.build();
  }

  @Override
  public Optional<CatalogEntry> entry(SyncEntity entity, String id) {
    requireCatalog(entity);
    checkNotNull(id, "id");
    return env.unitOfWork()
        .inTransaction(repos -> entries.find(repos, new CatalogKey(entity, id)));
  }

  @Override
  public Page<CatalogEntry> entries(SyncEntity entity, Optional<OrgId> orgId, PageRequest page) {
    requireCatalog(entity);
    checkNotNull(orgId, "org id");
    checkNotNull(page, "page");
    if (orgId.isPresent() && entity != SyncEntity.USERS) {
      throw TallyException.invalid("only users are listed by org, not %s", entity.code());
    }
    return env.unitOfWork().inTransaction(repos -> repos.catalog().list(entity, orgId, page));
  }

  /** An entry of the catalogue caches, as the entry cache knows it. */
  record CatalogKey(SyncEntity entity, String id) {
    static Optional<CatalogEntry> load(Repositories repos, CatalogKey key) {
      return repos.catalog().find(key.entity(), key.id());
    }
  }

  private static void requireCatalog(SyncEntity entity) {
    checkNotNull(entity, "entity");
    if (entity == SyncEntity.PRICING) {
      throw TallyException.invalid(
          "pricing programmes are read through pricing, not the catalogue caches");
    }
  }

  /**
   * The ceiling of the wait before retry {@code attempt} (1 for the first retry): {@code
   * min(cap, base x 2^(attempt-1))}.
   */
  static Duration backoffCeiling(SyncSettings settings, int attempt) {
    long base = settings.retryBase().toNanos();
    long cap = settings.retryCap().toNanos();
    int doublings = Math.min(attempt - 1, 62);
    return Duration.ofNanos(base > (cap >> doublings) ? cap : base << doublings);
  }

  /** One run of one entity: its figures, and the steps that touch its state. Not thread-safe. */
  private final class Run {
    private final SyncEntity entity;
    private final Instant start;
    private int pages;
    private int upserted;
    private int deleted;
    private int retries;

    Run(SyncEntity entity, Instant start) {
      this.entity = entity;
      this.start = start;
    }

    SyncReport execute() {
      SyncState taken =
          env.unitOfWork()
              .inTransaction(
                  repos -> {
                    SyncState state = repos.syncStates().lock(entity);
                    if (state.isLeasedToAnotherAt(owner, start)) {
                      return state;
                    }
                    SyncState started = state.started(owner, leaseEnd(start), start);
                    repos.syncStates().save(started);
                    return started;
                  });
      if (!taken.isLeasedTo(owner)) {
        return report(Outcome.BUSY, Optional.of(leasedElsewhere(taken)));
      }
      try {
        Optional<String> cursor = taken.cursor();
        while (true) {
          SyncPage page = fetch(cursor);
          store(page);
          if (!page.hasMore() || page.next().isEmpty()) {
            break;
          }
          cursor = page.next();
        }
        finish(state -> state.succeeded(env.now()));
        return report(Outcome.COMPLETED, Optional.empty());
      } catch (GaveUp failure) {
        finish(state -> state.failed(failure.getMessage(), failure.attempts));
        return report(Outcome.FAILED, Optional.of(failure.getMessage()));
      } catch (LeaseLost lost) {
        return report(Outcome.BUSY, Optional.of(lost.getMessage()));
      } catch (RuntimeException | Error unexpected) {
        try {
          finish(
              state -> state.failed("sync stopped by " + describe(unexpected), state.attempts()));
        } catch (RuntimeException releaseFailure) {
          unexpected.addSuppressed(releaseFailure);
        }
        throw unexpected;
      }
    }

    /** Calls upstream for the page after {@code cursor}, retrying what may pass. */
    private SyncPage fetch(Optional<String> cursor) {
      for (int attempt = 1; ; attempt++) {
        UpstreamException failure;
        try {
          SyncPage page =
              verifyNotNull(
                  upstream.fetch(entity, cursor, settings.pageSize()),
                  "the upstream gateway answered no page for %s",
                  entity);
          return checked(page, cursor, attempt);
        } catch (UpstreamException e) {
          failure = e;
        }
        String error = describe(failure);
        if (!failure.isRetryable() || attempt >= settings.maxAttempts()) {
          throw new GaveUp(error, attempt);
        }
        Duration wait = backoff(attempt, failure.retryAfter());
        if (wait.compareTo(settings.leaseTtl()) > 0) {
          throw new GaveUp(
              error + " (upstream asks to wait " + wait + ", longer than a lease; not waited)",
              attempt);
        }
        int failed = attempt;
        withLease(state -> state.retrying(error, failed, leaseEnd(env.now().plus(wait))));
        retries++;
        pause.sleep(wait);
      }
    }

    /**
     * Full jitter: a random wait up to the ceiling (in whole milliseconds), and at least what
     * upstream asked.
     */
    private Duration backoff(int attempt, Optional<Duration> retryAfter) {
      long ceiling = backoffCeiling(settings, attempt).toMillis();
      Duration jittered = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
      return retryAfter.filter(asked -> asked.compareTo(jittered) > 0).orElse(jittered);
    }

    /** The page, once its changes are of the entity and its cursor can be stored and moves on. */
    private SyncPage checked(SyncPage page, Optional<String> cursor, int attempt) {
      for (SyncChange change : page.changes()) {
        boolean fits =
            change instanceof SyncChange.Tombstone
                || (entity == SyncEntity.PRICING
                    ? change instanceof SyncChange.UpsertProgram
                    : change instanceof SyncChange.Upsert upsert
                        && upsert.entry().entity() == entity);
        verify(fits, "the upstream gateway answered %s to a sync of %s", change, entity);
      }
      if (page.next().isPresent()) {
        String next = page.next().get();
        if (next.isEmpty() || next.length() > SyncState.MAX_CURSOR_LENGTH) {
          throw new GaveUp(
              String.format(
                  "upstream %s answered a cursor of %s characters; 1 to %s are kept",
                  entity.code(), next.length(), SyncState.MAX_CURSOR_LENGTH),
              attempt);
        }
        if (page.hasMore() && page.next().equals(cursor)) {
          throw new GaveUp(
              "upstream "
                  + entity.code()
                  + " answered has_more with the cursor it was asked for; the sync would not"
                  + " move on",
              attempt);
        }
      }
      return page;
    }

    /** Stores a page in one unit of work: its changes, the cursor after it, a renewed lease. */
    private void store(SyncPage page) {
      Instant now = env.now();
      try {
        env.unitOfWork()
            .inTransaction(
                repos -> {
                  SyncState state = lockOwned(repos);
                  for (SyncChange change : page.changes()) {
                    apply(repos, change, now);
                  }
                  repos
                      .syncStates()
                      .save(state.stored(page.next(), page.changes().size(), leaseEnd(now)));
                  return null;
                });
      } finally {
        // after the commit (or its failure, when whether it happened is unknown)
        if (entity == SyncEntity.PRICING) {
          programs.invalidateIf(any -> true);
        } else {
          entries.invalidateIf(key -> key.entity() == entity);
        }
      }
      int tombstones =
          (int) page.changes().stream().filter(SyncChange.Tombstone.class::isInstance).count();
      pages++;
      deleted += tombstones;
      upserted += page.changes().size() - tombstones;
    }

    private void apply(Repositories repos, SyncChange change, Instant now) {
      if (change instanceof SyncChange.Upsert upsert) {
        repos.catalog().save(upsert.entry().withCachedAt(now));
      } else if (change instanceof SyncChange.UpsertProgram upsert) {
        repos.pricing().save(upsert.program());
      } else if (entity == SyncEntity.PRICING) {
        repos.pricing().delete(PricingProgramId.of(change.id()));
      } else {
        repos.catalog().delete(entity, change.id());
      }
    }

    /** Changes the state in one unit of work, provided this run still holds the lease. */
    private void withLease(UnaryOperator<SyncState> change) {
      env.unitOfWork()
          .inTransaction(
              repos -> {
                repos.syncStates().save(change.apply(lockOwned(repos)));
                return null;
              });
    }

    /** Ends the run in one unit of work: changes the state unless the lease was taken over. */
    private void finish(UnaryOperator<SyncState> change) {
      env.unitOfWork()
          .inTransaction(
              repos -> {
                SyncState state = repos.syncStates().lock(entity);
                if (state.isLeasedTo(owner)) {
                  repos.syncStates().save(change.apply(state));
                }
                return null;
              });
    }

    private SyncState lockOwned(Repositories repos) {
      SyncState state = repos.syncStates().lock(entity);
      if (!state.isLeasedTo(owner)) {
        throw new LeaseLost(
            "the lease on " + entity.code() + " was lost; " + leasedElsewhere(state));
      }
      return state;
    }

    private Instant leaseEnd(Instant from) {
      return from.plus(settings.leaseTtl());
    }

    private String leasedElsewhere(SyncState state) {
      return state.leaseOwner().isPresent()
          ? entity.code()
              + " is being synced by "
              + state.leaseOwner().get()
              + " (lease until "
              + state.leaseUntil().orElseThrow()
              + ")"
          : entity.code() + " is not leased";
    }

    SyncReport report(Outcome outcome, Optional<String> error) {
      Duration elapsed = Duration.between(start, env.now());
      return new SyncReport(
          entity,
          outcome,
          pages,
          upserted,
          deleted,
          retries,
          elapsed.isNegative() ? Duration.ZERO : elapsed,
          error);
    }
  }

  /** An upstream failure's own message (it names the entity and upstream); else the exception. */
  private static String describe(Throwable failure) {
    return failure instanceof UpstreamException ? failure.getMessage() : failure.toString();
  }

  /** The run gives up: a permanent failure, or the retries ran out. */
  private static final class GaveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    GaveUp(String message, int attempts) {
      super(message, null, false, false);
      this.attempts = attempts;
    }
  }

  /** Another server took the lease over while this run was between two steps. */
  private static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLost(String message) {
      super(message, null, false, false);
    }
  }
}
