package dev.tally.core.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What one sync run did: the figures a progress bar, a metric or an operator wants.
 *
 * @param outcome {@code completed}, {@code busy} (another server holds the lease, or a run of the
 *     entity is already going on in this process) or {@code failed}
 * @param pages pages stored (each in its own unit of work)
 * @param upserted items inserted or replaced
 * @param deleted tombstones applied
 * @param retries failed upstream calls that were tried again
 * @param elapsed time from the start of the run to its end, by Tally's clock
 * @param error why it failed, or who holds the lease when busy
 */
public record SyncReport(
    SyncEntity entity,
    Outcome outcome,
    int pages,
    int upserted,
    int deleted,
    int retries,
    Duration elapsed,
    Optional<String> error) {

  public SyncReport {
    checkNotNull(entity, "entity");
    checkNotNull(outcome, "outcome");
    checkArgument(pages >= 0 && upserted >= 0 && deleted >= 0 && retries >= 0, "negative figure");
    checkNotNull(elapsed, "elapsed");
    checkNotNull(error, "error");
    checkArgument(
        outcome == Outcome.COMPLETED || error.isPresent(), "a %s run says why", outcome);
  }

  /** Items stored: upserts and tombstones. */
  public int items() {
    return upserted + deleted;
  }

  /** How a run ended. */
  public enum Outcome {
    COMPLETED,
    BUSY,
    FAILED
  }
}
