package dev.tally.core.simulation;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How many operations of each kind were accepted and refused, and the refusals by error code. One
 * per simulated seed, then merged; not thread-safe.
 */
final class OperationCounts {
  private final Map<String, long[]> counts = new TreeMap<>();
  private final Map<String, Map<String, Long>> refusals = new TreeMap<>();
  private final Map<String, Long> observed = new TreeMap<>();

  /** Counts a situation worth knowing the run reached (an overage, a renewal inside a use, ...). */
  void observed(String situation) {
    observed.merge(situation, 1L, Long::sum);
  }

  void accepted(String kind) {
    counts.computeIfAbsent(kind, k -> new long[2])[0]++;
  }

  void refused(String kind, String code) {
    counts.computeIfAbsent(kind, k -> new long[2])[1]++;
    refusals.computeIfAbsent(kind, k -> new TreeMap<>()).merge(code, 1L, Long::sum);
  }

  void addAll(OperationCounts other) {
    other.counts.forEach(
        (kind, pair) -> {
          long[] mine = counts.computeIfAbsent(kind, k -> new long[2]);
          mine[0] += pair[0];
          mine[1] += pair[1];
        });
    other.observed.forEach((situation, n) -> observed.merge(situation, n, Long::sum));
    other.refusals.forEach(
        (kind, codes) ->
            codes.forEach(
                (code, n) ->
                    refusals
                        .computeIfAbsent(kind, k -> new TreeMap<>())
                        .merge(code, n, Long::sum)));
  }

  long total() {
    return counts.values().stream().mapToLong(pair -> pair[0] + pair[1]).sum();
  }

  long accepted() {
    return counts.values().stream().mapToLong(pair -> pair[0]).sum();
  }

  long refused() {
    return counts.values().stream().mapToLong(pair -> pair[1]).sum();
  }

  /** {@code kind accepted/refused [code n ...]} for every kind, in name order. */
  @Override
  public String toString() {
    StringJoiner joined = new StringJoiner(", ");
    counts.forEach(
        (kind, pair) -> {
          StringJoiner codes = new StringJoiner(" ", " [", "]").setEmptyValue("");
          refusals.getOrDefault(kind, Map.of()).forEach((code, n) -> codes.add(code + " " + n));
          joined.add(kind + " " + pair[0] + "/" + pair[1] + codes);
        });
    StringJoiner situations =
        new StringJoiner(", ", "; situations reached: ", "").setEmptyValue("");
    observed.forEach((situation, n) -> situations.add(situation + " " + n));
    return joined + situations.toString();
  }
}
