package dev.tally.bootstrap.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the machine's processors busy while the crash cycles run: the torn commits this test
 * looks for showed only when writer threads were descheduled mid-commit, which a busy machine
 * makes frequent.
 */
final class CpuLoad implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> spinners = new ArrayList<>();

  static CpuLoad onEveryProcessor() {
    CpuLoad load = new CpuLoad();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      Thread spinner = new Thread(load::spin, "cpu-load-" + i);
      spinner.setDaemon(true);
      spinner.start();
      load.spinners.add(spinner);
    }
    return load;
  }

  private void spin() {
    long x = 1;
    while (running.get()) {
      for (int i = 0; i < 100_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    if (x == 42) {
      System.out.println("unlikely"); // keeps the loop from being optimised away
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread spinner : spinners) {
      spinner.join();
    }
  }
}
