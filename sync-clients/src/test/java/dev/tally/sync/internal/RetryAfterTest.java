package dev.tally.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2024-11-24T01:39:05Z");

  private static Headers retryAfter(String value) {
    return Headers.of("Retry-After", value);
  }

  @Test
  void readsSeconds() {
    assertThat(RetryAfter.of(retryAfter("30"), NOW)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.of(retryAfter("0"), NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateFromNow() {
    assertThat(RetryAfter.of(retryAfter("Sun, 24 Nov 2024 01:41:05 GMT"), NOW))
        .contains(Duration.ofMinutes(2));
  }

  @Test
  void aDateInThePastMeansAtOnce() {
    assertThat(RetryAfter.of(retryAfter("Sat, 23 Nov 2024 01:39:05 GMT"), NOW))
        .contains(Duration.ZERO);
  }

  @Test
  void capsAVeryLongWaitAtAnHour() {
    assertThat(RetryAfter.of(retryAfter("86400"), NOW)).contains(Duration.ofHours(1));
  }

  @Test
  void ignoresWhatIsNeitherSecondsNorADate() {
    assertThat(RetryAfter.of(retryAfter("soon"), NOW)).isEmpty();
    assertThat(RetryAfter.of(retryAfter("-5"), NOW)).isEmpty();
    assertThat(RetryAfter.of(Headers.of(), NOW)).isEmpty();
  }
}
