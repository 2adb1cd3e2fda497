package dev.tally.persistence.jdbi.concurrency;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one call made by a test thread came to: accepted with its result, refused with a business
 * code, or failed with anything else (a storage error, a bug). Records when the call started and
 * ended ({@link System#nanoTime()}, comparable across threads). Immutable.
 *
 * @param key what the call was about (a source ref, a hold), to group retries of the same thing
 * @param input the amount or command the call carried
 */
record Attempt<I, T>(
    String key,
    I input,
    Optional<T> result,
    Optional<ErrorCode> refusal,
    Optional<RuntimeException> failure,
    long startNanos,
    long endNanos) {

  Attempt {
    checkNotNull(key, "key");
    checkNotNull(result, "result");
    checkNotNull(refusal, "refusal");
    checkNotNull(failure, "failure");
  }

  /** Makes {@code call} and records how it went; never throws. */
  static <I, T> Attempt<I, T> of(String key, I input, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T value = call.get();
      return new Attempt<>(
          key,
          input,
          Optional.of(value),
          Optional.empty(),
          Optional.empty(),
          start,
          System.nanoTime());
    } catch (TallyException refused) {
      return new Attempt<>(
          key,
          input,
          Optional.empty(),
          Optional.of(refused.code()),
          Optional.empty(),
          start,
          System.nanoTime());
    } catch (RuntimeException failed) {
      return new Attempt<>(
          key,
          input,
          Optional.empty(),
          Optional.empty(),
          Optional.of(failed),
          start,
          System.nanoTime());
    }
  }

  boolean isAccepted() {
    return result.isPresent();
  }

  boolean isRefused() {
    return refusal.isPresent();
  }
}
