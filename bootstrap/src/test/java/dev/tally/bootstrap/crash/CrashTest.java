package dev.tally.bootstrap.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged operation survives {@code kill -9} whole, on every database Tally runs on: a
 * child JVM with {@value CrashChild#WRITERS} writers mixing uses (with retried source refs),
 * holds, settles and recharges is killed at random moments while the processors are kept busy;
 * after each restart every acknowledged operation is there exactly once, nothing is half-written,
 * and the ledger verifies clean. {@code -Dtally.crash.cycles=N} changes the number of cycles
 * ({@code scripts/crash-torture.sh} runs 100); {@code -Dtally.crash.seed} replays the kill timing.
 */
class CrashTest {
  /**
   * The embedded default. {@code -Dtally.crash.h2=true} runs the same cycles on the former
   * default, an H2 file with {@code WRITE_DELAY=0}, to measure it (docs/persistence.md): it loses
   * and tears acknowledged operations, which this test then reports.
   */
  @Test
  void survivesKillsOnTheEmbeddedDefault() throws Exception {
    boolean h2 = property("tally.crash.h2").map(Boolean::parseBoolean).orElse(false);
    Path work = Path.of("target", "crash", h2 ? "h2" : "embedded");
    CrashRun.deleteRecursively(work);
    String h2File = work.resolve("tally").toAbsolutePath().toString();
    CrashRun.Target target =
        h2
            ? new CrashRun.Target("h2", "jdbc:h2:file:" + h2File + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000", "sa", "")
            : CrashRun.embeddedDefault(work);
    assertSurvives(target, work, 20);
  }

  @Test
  void survivesKillsOnPostgresql() throws Exception {
    assertSurvivesOn(TestDatabase.POSTGRESQL, "postgresql");
  }

  @Test
  void survivesKillsOnMariadb() throws Exception {
    assertSurvivesOn(TestDatabase.MARIADB, "mariadb");
  }

  private static void assertSurvivesOn(TestDatabase database, String name) throws Exception {
    database.emptyStorage();
    Path work = Path.of("target", "crash", name);
    CrashRun.deleteRecursively(work);
    assertSurvives(
        new CrashRun.Target(name, database.url(), database.user(), database.password()), work, 5);
  }

  private static void assertSurvives(CrashRun.Target target, Path work, int defaultCycles)
      throws Exception {
    int cycles = Integer.parseInt(property("tally.crash.cycles").orElse(String.valueOf(defaultCycles)));
    long seed =
        property("tally.crash.seed").map(Long::parseLong).orElse(ThreadLocalRandom.current().nextLong());
    System.out.println("crash " + target.name() + ": " + cycles + " cycles, -Dtally.crash.seed=" + seed);

    CrashRun.Figures figures = new CrashRun(target, work, seed).run(cycles);

    assertThat(figures.unusable()).as("the database after a kill").isEmpty();
    assertThat(figures.acknowledged()).as("acknowledged operations").isPositive();
    assertThat(figures.cyclesWithoutProgress()).as("cycles in which nothing was acknowledged").isZero();
    assertThat(figures.errors()).as("calls that failed with an error").isEmpty();
    assertThat(figures.inconsistentReplays()).as("retries answered with another usage").isEmpty();
    assertThat(figures.lost()).as("acknowledged but lost").isEmpty();
    assertThat(figures.torn()).as("half-written").isEmpty();
    assertThat(figures.violations()).as("ledger verify").isEmpty();
  }

  private static Optional<String> property(String name) {
    return Optional.ofNullable(System.getProperty(name)).filter(value -> !value.isBlank());
  }
}
