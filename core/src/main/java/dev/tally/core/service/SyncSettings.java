package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.sync.SyncState;
import java.time.Duration;
import java.util.Optional;

/**
 * How a sync pulls pages and retries: the page size asked of upstream, how long a server's lease
 * on an entity lasts without renewal, and exponential backoff with full jitter (attempt {@code n}
 * waits a random time up to {@code min(retryCap, retryBase x 2^(n-1))}, and at least what a {@code
 * Retry-After} asks).
 *
 * @param pageSize items asked per page ({@code limit}), 1 to 1000
 * @param leaseTtl how long a lease lasts; renewed with every page stored and before every wait
 * @param retryBase the backoff ceiling of the first retry
 * @param retryCap the largest backoff ceiling; shorter than the lease
 * @param maxAttempts calls of one page before the run gives up, 1 for no retry
 * @param processId this server's name in {@code sync_state.lease_owner}, unique among the servers
 *     sharing a database; empty for a random one per {@link TallyCore}
 */
public record SyncSettings(
    int pageSize,
    Duration leaseTtl,
    Duration retryBase,
    Duration retryCap,
    int maxAttempts,
    Optional<String> processId) {

  /** 100 a page, 5 minute leases, retries from 200 ms up to 30 s, 6 attempts, a random id. */
  public static final SyncSettings DEFAULTS =
      new SyncSettings(
          100,
          Duration.ofMinutes(5),
          Duration.ofMillis(200),
          Duration.ofSeconds(30),
          6,
          Optional.empty());

  public SyncSettings {
    checkArgument(
        pageSize >= 1 && pageSize <= 1000, "sync page size must be 1 to 1000: %s", pageSize);
    checkNotNull(leaseTtl, "lease ttl");
    checkArgument(
        leaseTtl.compareTo(Duration.ofSeconds(1)) >= 0,
        "sync lease ttl is under 1 s: %s",
        leaseTtl);
    checkNotNull(retryBase, "retry base");
    checkArgument(
        !retryBase.isNegative() && !retryBase.isZero(),
        "sync retry base must be positive: %s",
        retryBase);
    checkNotNull(retryCap, "retry cap");
    checkArgument(
        retryCap.compareTo(retryBase) >= 0,
        "sync retry cap %s is below the retry base %s",
        retryCap,
        retryBase);
    checkArgument(
        retryCap.compareTo(leaseTtl) < 0,
        "sync retry cap %s must be shorter than the lease ttl %s",
        retryCap,
        leaseTtl);
    checkArgument(maxAttempts >= 1, "sync max attempts must be 1 or more: %s", maxAttempts);
    checkNotNull(processId, "process id");
    processId.ifPresent(SyncState::checkOwner);
  }

  public SyncSettings withPageSize(int size) {
    return new SyncSettings(size, leaseTtl, retryBase, retryCap, maxAttempts, processId);
  }

  public SyncSettings withLeaseTtl(Duration ttl) {
    return new SyncSettings(pageSize, ttl, retryBase, retryCap, maxAttempts, processId);
  }

  public SyncSettings withRetries(Duration base, Duration cap, int attempts) {
    return new SyncSettings(pageSize, leaseTtl, base, cap, attempts, processId);
  }

  public SyncSettings withProcessId(String id) {
    return new SyncSettings(pageSize, leaseTtl, retryBase, retryCap, maxAttempts, Optional.of(id));
  }
}
