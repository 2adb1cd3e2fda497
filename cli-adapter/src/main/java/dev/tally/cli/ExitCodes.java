package dev.tally.cli;

import dev.tally.bootstrap.ConfigException;
import dev.tally.bootstrap.EmbeddedDatabaseInUseException;
import dev.tally.core.error.TallyException;
import dev.tally.core.port.out.StorageException;
import java.io.UncheckedIOException;

/**
 * What {@code tally}'s exit status means, decided in one place (and listed in docs/cli.md): 0
 * success, 1 anything else, 2 bad usage (picocli), 3 bad configuration, 4 invalid request, 5 not
 * found, 6 conflict, 7 refused by the billing rules, 8 not allowed, 9 a dependency (database,
 * upstream) unavailable, 10 the embedded database is held by a running Tally, 11 the ledger
 * failed verification or an import refused lines.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int CONFIG = 3;
  public static final int INVALID = 4;
  public static final int NOT_FOUND = 5;
  public static final int CONFLICT = 6;
  public static final int REJECTED = 7;
  public static final int NOT_ALLOWED = 8;
  public static final int UNAVAILABLE = 9;
  public static final int DATABASE_IN_USE = 10;
  public static final int CHECK_FAILED = 11;

  private ExitCodes() {}

  static int of(Throwable failure) {
    if (failure instanceof EmbeddedDatabaseInUseException) {
      return DATABASE_IN_USE;
    }
    if (failure instanceof ConfigException) {
      return CONFIG;
    }
    if (failure instanceof StorageException) {
      return UNAVAILABLE;
    }
    if (failure instanceof IllegalArgumentException) {
      return INVALID;
    }
    if (failure instanceof TallyException refused) {
      return switch (refused.kind()) {
        case INVALID -> INVALID;
        case NOT_FOUND -> NOT_FOUND;
        case CONFLICT -> CONFLICT;
        case REJECTED -> REJECTED;
        case UNAUTHORIZED, FORBIDDEN -> NOT_ALLOWED;
        case UNAVAILABLE -> UNAVAILABLE;
      };
    }
    return FAILURE;
  }

  /** The error code shown first on the error line, so that scripts can match it. */
  static String code(Throwable failure) {
    if (failure instanceof EmbeddedDatabaseInUseException) {
      return "database_in_use";
    }
    if (failure instanceof ConfigException) {
      return "config_invalid";
    }
    if (failure instanceof StorageException) {
      return "storage_unavailable";
    }
    if (failure instanceof IllegalArgumentException) {
      return "validation_failed";
    }
    if (failure instanceof TallyException refused) {
      return refused.code().code();
    }
    if (failure instanceof UncheckedIOException) {
      return "io_error";
    }
    return "internal_error";
  }
}
