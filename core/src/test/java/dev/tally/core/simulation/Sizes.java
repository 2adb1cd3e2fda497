package dev.tally.core.simulation;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * How much the simulation runs: {@code seeds} seeds of {@code operations} operations each, or only
 * the one seed to replay. Read from {@code -Dtally.simulation.seeds}, {@code
 * -Dtally.simulation.operations} and {@code -Dtally.seed}; an absent or blank property (the parent
 * POM forwards them empty) means the default.
 *
 * @param replay the single seed to run instead of seeds {@code 1..seeds}
 */
record Sizes(int seeds, int operations, Optional<Long> replay) {
  static final int DEFAULT_SEEDS = 1000;
  static final int DEFAULT_OPERATIONS = 200;

  Sizes {
    checkArgument(seeds >= 1, "at least one seed: %s", seeds);
    checkArgument(operations >= 1, "at least one operation: %s", operations);
  }

  static Sizes fromSystemProperties() {
    return new Sizes(
        Math.toIntExact(property("tally.simulation.seeds").orElse((long) DEFAULT_SEEDS)),
        Math.toIntExact(property("tally.simulation.operations").orElse((long) DEFAULT_OPERATIONS)),
        property("tally.seed"));
  }

  private static Optional<Long> property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " is not a number: '" + value + "'", e);
    }
  }
}
