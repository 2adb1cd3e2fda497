package dev.tally.core.port.out;

import java.time.Instant;

/** The time of the world, injected so that tests can move it. Implementations are thread-safe. */
@FunctionalInterface
public interface Clock {
  /** The current instant. Core truncates it to microseconds, the precision every database keeps. */
  Instant now();

  /** The system clock. */
  static Clock system() {
    return Instant::now;
  }
}
