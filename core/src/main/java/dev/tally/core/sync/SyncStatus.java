package dev.tally.core.sync;

import java.util.Locale;

/** How the sync of an entity stands. */
public enum SyncStatus {
  /** Never run, or the last run finished and nothing runs now. */
  IDLE,
  /** A server is pulling pages. */
  RUNNING,
  /** The last run gave up after its retries; the last good cache keeps serving. */
  FAILED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SyncStatus fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
