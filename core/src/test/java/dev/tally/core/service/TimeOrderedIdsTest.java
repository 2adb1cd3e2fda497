package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final TimeOrderedIds ids = new TimeOrderedIds(clock);

  @Test
  void makesThirtyTwoHexDigitsInTheUuidV7Layout() {
    String id = ids.newId();

    assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
    assertThat(id.charAt(12)).isEqualTo('7');
    assertThat(id.charAt(16)).isIn('8', '9', 'a', 'b');
    assertThat(Long.parseLong(id.substring(0, 12), 16))
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void sortsInTheOrderMadeEvenWithinOneMillisecondAndBeyondTheCounter() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      made.add(ids.newId());
    }
    clock.advance(Duration.ofMillis(1));
    made.add(ids.newId());

    assertThat(made).isSorted().doesNotHaveDuplicates();
    assertThat(new HashSet<>(made)).hasSize(5001);
  }

  @Test
  void neverGoesBackwardsWhenTheClockDoes() {
    String before = ids.newId();
    clock.set(Instant.parse("2026-02-28T00:00:00Z"));

    assertThat(ids.newId()).isGreaterThan(before);
  }
}
