package dev.tally.persistence.jdbi.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.tally.core.error.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** The attempts of one concurrent run, counted. Immutable. */
final class Outcomes<I, T> {
  private final List<Attempt<I, T>> attempts;
  private final long elapsedMillis;

  Outcomes(Collection<? extends Collection<Attempt<I, T>>> perThread, long elapsedMillis) {
    this.attempts =
        perThread.stream().flatMap(Collection::stream).collect(ImmutableList.toImmutableList());
    this.elapsedMillis = elapsedMillis;
  }

  List<Attempt<I, T>> all() {
    return attempts;
  }

  Stream<Attempt<I, T>> accepted() {
    return attempts.stream().filter(Attempt::isAccepted);
  }

  Stream<Attempt<I, T>> refused() {
    return attempts.stream().filter(Attempt::isRefused);
  }

  int attempted() {
    return attempts.size();
  }

  int acceptedCount() {
    return (int) accepted().count();
  }

  int refusedCount() {
    return (int) refused().count();
  }

  long elapsedMillis() {
    return elapsedMillis;
  }

  /** How many refusals of each code. */
  Map<ErrorCode, Integer> refusalsByCode() {
    Map<ErrorCode, Integer> codes = new EnumMap<>(ErrorCode.class);
    refused().forEach(a -> codes.merge(a.refusal().orElseThrow(), 1, Integer::sum));
    return codes;
  }

  /** Fails, showing the first failure's stack trace, when any call failed other than by refusal. */
  Outcomes<I, T> assertNoFailures() {
    List<RuntimeException> failures = attempts.stream().flatMap(a -> a.failure().stream()).toList();
    assertThat(failures)
        .as(
            () ->
                failures.size()
                    + " calls failed with something other than a business refusal; the first: "
                    + stackTrace(failures.get(0)))
        .isEmpty();
    return this;
  }

  /** Fails unless every refusal carries {@code only}. */
  Outcomes<I, T> assertRefusedOnlyWith(ErrorCode... allowed) {
    assertThat(refusalsByCode().keySet()).as("refusal codes").isSubsetOf(allowed);
    return this;
  }

  /** When the last accepted call started; empty when none was accepted. */
  OptionalLong lastAcceptedStart() {
    return accepted().mapToLong(Attempt::startNanos).reduce(Math::max);
  }

  /** When the first refused call returned; empty when none was refused. */
  OptionalLong firstRefusalEnd() {
    return refused().mapToLong(Attempt::endNanos).reduce(Math::min);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
