package dev.tally.cli;

import dev.tally.bootstrap.ConfigException;
import dev.tally.core.error.TallyException;
import dev.tally.core.port.out.StorageException;

/**
 * What {@code tally}'s exit status means, decided in one place: 0 success, 2 bad usage (picocli),
 * 3 bad configuration, 4 invalid request, 5 not found, 6 conflict, 7 refused by the billing
 * rules, 8 not allowed, 9 a dependency (database, upstream) unavailable, 1 anything else.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int CONFIG = 3;
  static final int INVALID = 4;
  static final int NOT_FOUND = 5;
  static final int CONFLICT = 6;
  static final int REJECTED = 7;
  static final int NOT_ALLOWED = 8;
  static final int UNAVAILABLE = 9;

  private ExitCodes() {}

  static int of(Throwable failure) {
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
}
