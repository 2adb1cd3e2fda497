package dev.tally.core.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the sync of an entity stands ({@code sync_state}): the cursor of the last page stored, how
 * the last run went, and the lease that lets one server at a time sync the entity. Immutable; the
 * methods below return the state after one step of a run.
 *
 * @param cursor the {@code next} of the last page stored; empty before the first page
 * @param lastError why the last failed attempt failed (at most {@value #MAX_ERROR_LENGTH}
 *     characters); cleared by a run that completes
 * @param attempts consecutive failed attempts of the current or last run
 * @param itemsSynced items stored over every run (upserts and tombstones)
 * @param leaseOwner the server syncing now, until {@code leaseUntil}
 */
public record SyncState(
    SyncEntity entity,
    Optional<String> cursor,
    SyncStatus status,
    Optional<String> lastError,
    int attempts,
    long itemsSynced,
    Optional<Instant> lastSuccessAt,
    Optional<Instant> lastAttemptAt,
    Optional<String> leaseOwner,
    Optional<Instant> leaseUntil) {

  /** The longest cursor stored ({@code cursor_value VARCHAR(255)}). */
  public static final int MAX_CURSOR_LENGTH = 255;

  /** The longest error kept ({@code last_error VARCHAR(1000)}); longer ones are cut. */
  public static final int MAX_ERROR_LENGTH = 1000;

  /** The longest lease owner ({@code lease_owner VARCHAR(64)}). */
  public static final int MAX_OWNER_LENGTH = 64;

  public SyncState {
    checkNotNull(entity, "entity");
    checkNotNull(cursor, "cursor");
    cursor.ifPresent(SyncState::checkCursor);
    checkNotNull(status, "status");
    checkNotNull(lastError, "last error");
    lastError.ifPresent(
        error ->
            checkArgument(
                error.length() <= MAX_ERROR_LENGTH,
                "last error is longer than %s characters",
                MAX_ERROR_LENGTH));
    checkArgument(attempts >= 0, "attempts is negative");
    checkArgument(itemsSynced >= 0, "items synced is negative");
    checkNotNull(lastSuccessAt, "last success");
    checkNotNull(lastAttemptAt, "last attempt");
    checkNotNull(leaseOwner, "lease owner");
    checkNotNull(leaseUntil, "lease until");
    leaseOwner.ifPresent(SyncState::checkOwner);
    checkArgument(
        leaseOwner.isPresent() == leaseUntil.isPresent(), "a lease has an owner and an end");
  }

  /** The state of an entity never synced. */
  public static SyncState initial(SyncEntity entity) {
    return new SyncState(
        entity, Optional.empty(), SyncStatus.IDLE, Optional.empty(), 0, 0, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Fails unless {@code cursor} can be stored: 1 to {@value #MAX_CURSOR_LENGTH} characters. */
  public static String checkCursor(String cursor) {
    checkNotNull(cursor, "cursor");
    checkArgument(
        !cursor.isEmpty() && cursor.length() <= MAX_CURSOR_LENGTH,
        "a sync cursor is 1 to %s characters long, not %s",
        MAX_CURSOR_LENGTH,
        cursor.length());
    return cursor;
  }

  /** Fails unless {@code owner} can hold a lease: 1 to {@value #MAX_OWNER_LENGTH} characters. */
  public static String checkOwner(String owner) {
    checkNotNull(owner, "lease owner");
    checkArgument(
        !owner.isBlank() && owner.length() <= MAX_OWNER_LENGTH,
        "a lease owner is 1 to %s characters long: '%s'",
        MAX_OWNER_LENGTH,
        owner);
    return owner;
  }

  /** True when another server holds an unexpired lease at {@code now}. */
  public boolean isLeasedToAnotherAt(String owner, Instant now) {
    return leaseOwner.isPresent()
        && !leaseOwner.get().equals(owner)
        && now.isBefore(leaseUntil.orElseThrow());
  }

  /** True when {@code owner} holds the lease (expired or not: nobody took it over). */
  public boolean isLeasedTo(String owner) {
    return leaseOwner.isPresent() && leaseOwner.get().equals(owner);
  }

  /** A run starts at {@code now}: {@code owner} takes the lease until {@code until}. */
  public SyncState started(String owner, Instant until, Instant now) {
    checkNotNull(now, "now");
    return new SyncState(
        entity, cursor, SyncStatus.RUNNING, lastError, 0, itemsSynced, lastSuccessAt,
        Optional.of(now), Optional.of(owner), Optional.of(until));
  }

  /**
   * A page of {@code items} items was stored: the cursor moves to {@code next} (stays when the page
   * has none), the failed attempts before it are forgotten, and the lease runs until {@code until}.
   */
  public SyncState stored(Optional<String> next, int items, Instant until) {
    checkArgument(items >= 0, "items is negative: %s", items);
    requireLeased();
    return new SyncState(
        entity, next.or(() -> cursor), status, lastError, 0, itemsSynced + items, lastSuccessAt,
        lastAttemptAt, leaseOwner, Optional.of(until));
  }

  /** Attempt {@code attempt} failed with {@code error} and is retried; the lease is renewed. */
  public SyncState retrying(String error, int attempt, Instant until) {
    requireLeased();
    return new SyncState(
        entity, cursor, status, Optional.of(cut(error)), attempt, itemsSynced, lastSuccessAt,
        lastAttemptAt, leaseOwner, Optional.of(until));
  }

  /** The run completed at {@code now}: idle, no error, the lease released. */
  public SyncState succeeded(Instant now) {
    checkNotNull(now, "now");
    return new SyncState(
        entity, cursor, SyncStatus.IDLE, Optional.empty(), 0, itemsSynced, Optional.of(now),
        lastAttemptAt, Optional.empty(), Optional.empty());
  }

  /** The run gave up after {@code attempts} attempts with {@code error}; the lease is released. */
  public SyncState failed(String error, int attempts) {
    return new SyncState(
        entity, cursor, SyncStatus.FAILED, Optional.of(cut(error)), attempts, itemsSynced,
        lastSuccessAt, lastAttemptAt, Optional.empty(), Optional.empty());
  }

  private void requireLeased() {
    checkState(leaseOwner.isPresent(), "the sync of %s holds no lease to renew", entity);
  }

  private static String cut(String error) {
    checkNotNull(error, "error");
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
  }
}
