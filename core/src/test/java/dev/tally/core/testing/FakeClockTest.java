package dev.tally.core.testing;

import static dev.tally.core.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class FakeClockTest {
  @Test
  void standsStillAtItsStartUntilMoved() {
    FakeClock clock = new FakeClock(T0);

    assertThat(clock.now()).isEqualTo(T0);
    assertThat(clock.now()).isEqualTo(T0);
  }

  @Test
  void advancesByADurationAndReturnsTheNewTime() {
    FakeClock clock = new FakeClock(T0);

    Instant later = clock.advance(Duration.ofMinutes(5));

    assertThat(later).isEqualTo(T0.plusSeconds(300));
    assertThat(clock.now()).isEqualTo(later);
  }

  @Test
  void isSetToAnyInstantEvenAnEarlierOne() {
    FakeClock clock = new FakeClock(T0);
    Instant earlier = Instant.parse("2025-06-30T00:00:00Z");

    clock.set(earlier);

    assertThat(clock.now()).isEqualTo(earlier);
  }

  @Test
  void refusesToAdvanceBackwards() {
    FakeClock clock = new FakeClock(T0);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.now()).isEqualTo(T0);
  }

  @Test
  void losesNoStepWhenAdvancedConcurrently() throws Exception {
    FakeClock clock = new FakeClock(T0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 8_000; i++) {
        pool.execute(() -> clock.advance(Duration.ofMillis(1)));
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(clock.now()).isEqualTo(T0.plusSeconds(8));
  }
}
