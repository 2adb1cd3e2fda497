package dev.tally.persistence.jdbi.concurrency;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Samples an invariant from a background thread while a crowd runs: the probe reads the state
 * (through the use cases, as any reader would) and names what is wrong, if anything. Failures of
 * the probe itself are kept as violations too.
 */
final class Watch implements AutoCloseable {
  private final Supplier<Optional<String>> probe;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger samples = new AtomicInteger();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Thread thread;

  private Watch(Supplier<Optional<String>> probe) {
    this.probe = probe;
    this.thread = new Thread(this::loop, "invariant-watch");
    thread.setDaemon(true);
  }

  static Watch start(Supplier<Optional<String>> probe) {
    Watch watch = new Watch(probe);
    watch.thread.start();
    return watch;
  }

  private void loop() {
    while (running.get()) {
      try {
        probe.get().ifPresent(violations::add);
      } catch (RuntimeException e) {
        violations.add("the probe failed: " + e);
      }
      samples.incrementAndGet();
    }
  }

  int samples() {
    return samples.get();
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
