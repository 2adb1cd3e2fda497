package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.model.UseResult;

/** The result of one item of a batch of uses: accepted, or refused with a code and a reason. */
public sealed interface UseOutcome {

  /** The use was accepted (or replayed). */
  record Accepted(UseResult result) implements UseOutcome {
    public Accepted {
      checkNotNull(result, "result");
    }
  }

  /** The use was refused; nothing of it was recorded. */
  record Refused(ErrorCode code, String message) implements UseOutcome {
    public Refused {
      checkNotNull(code, "code");
      checkNotNull(message, "message");
    }
  }
}
