package dev.tally.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CI-sized torture run: 64 client threads against two {@code tally serve} processes on one
 * PostgreSQL, one with group commit on and one with it off (so both ways of writing a use serve
 * half the requests and race on the same customers, with one start-up for both), {@value
 * #OPERATIONS} HTTP requests in all, mixing new uses, retried uses (same body and changed body),
 * the same use sent to both servers at once, holds settled, voided and left to expire, recharges
 * (also repeated and changed), adjustments, credit limits, suspensions, renewals, cancellations,
 * subscription suspensions, overage terms and reads. Afterwards {@code tally ledger verify} is
 * clean and the database keeps every promise {@link TortureAudit} checks, compared with what the
 * clients were told. Skipped with a message when PostgreSQL is unreachable, unless {@code
 * TALLY_TEST_DATABASES} names it. {@code scripts/torture.sh} runs the same at any size; {@code
 * -Dtally.torture.seed} replays the clients' choices.
 */
class TortureTest {
  private static final int OPERATIONS = 50_000;

  @Test
  @Timeout(
      value = 30,
      unit = TimeUnit.MINUTES) // servers that stop answering fail the test, not hang it
  void twoServersUnderSixtyFourClientsKeepEveryPromise() throws Exception {
    TortureSettings.Database database = TortureDatabase.freshForTest("postgresql");
    long seed = Long.getLong("tally.torture.seed", ThreadLocalRandom.current().nextLong());
    TortureSettings settings =
        new TortureSettings(
            database,
            2,
            8,
            64,
            OPERATIONS,
            32,
            TortureSettings.GroupCommit.MIXED,
            seed,
            Instant.MAX);

    TortureRun.Figures figures = TortureRun.run(settings, Path.of("target", "torture"));

    System.out.print(figures.report());
    assertThat(figures.operations()).isGreaterThanOrEqualTo(OPERATIONS);
    assertThat(figures.unexpected())
        .as("unexpected answers (-Dtally.torture.seed=%d)", seed)
        .isEmpty();
    assertThat(figures.ledgerVerifyExit())
        .as("tally ledger verify: %s", figures.ledgerVerifyOutput())
        .isZero();
    figures
        .audit()
        .byPromise()
        .forEach((promise, findings) -> assertThat(findings).as(promise).isEmpty());
    assertTheMixHappened(figures.answers());
  }

  /** Each kind of operation was answered as it is when it goes through, so each was exercised. */
  private static void assertTheMixHappened(Map<String, Long> answers) {
    for (String answer :
        List.of(
            "use 201",
            "use 402 insufficient_balance",
            "use 409 quota_exceeded",
            "use 423 customer_suspended",
            "use retried 200",
            "use changed 409 idempotency_conflict",
            "use on both servers 201",
            "use on both servers 200",
            "hold 201",
            "settle 200",
            "void 200",
            "settle expired 409",
            "recharge 200",
            "recharge again 200",
            "recharge changed 409 idempotency_conflict",
            "adjust 200",
            "credit limit 200",
            "suspend 200",
            "renew 200",
            "cancel 200",
            "subscribe 201",
            "suspend subscription 200",
            "overage terms 200",
            "read balance 200",
            "read subscription 200",
            "check quota 200")) {
      assertThat(answers.keySet()).as("answers").anyMatch(key -> key.startsWith(answer));
    }
  }
}
