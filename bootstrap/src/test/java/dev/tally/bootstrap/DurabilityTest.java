package dev.tally.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.PageRequest;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged use survives the process being killed: a child JVM meters uses on an H2 file
 * with Tally's default settings and prints each source ref once its use returned; this test kills
 * it with SIGKILL mid-stream, reopens the file and finds every acknowledged use, with a clean
 * ledger.
 */
class DurabilityTest {
  private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

  @TempDir Path data;

  @Test
  void keepsEveryAcknowledgedUseWhenTheProcessIsKilled() throws Exception {
    String url = DatabaseConfig.DEFAULT_URL.replace("./data/tally", data.resolve("tally").toString());
    Set<String> acknowledged = new HashSet<>();
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityChild.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = lines.readLine()) != null) {
        if (line.startsWith(DurabilityChild.ACK)) {
          acknowledged.add(line.substring(DurabilityChild.ACK.length()));
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSize(ACKNOWLEDGED_BEFORE_KILL);

    try (Tally reopened =
        Tally.open(ConfigLoader.load(Optional.empty(), Map.of("TALLY_DATABASE_URL", url)))) {
      Set<String> stored = new HashSet<>();
      reopened
          .metering()
          .usage(UsageQuery.ALL, new PageRequest(1, PageRequest.MAX_SIZE))
          .items()
          .stream()
          .map(UsageRecord::sourceRef)
          .forEach(ref -> stored.add(ref.id()));

      assertThat(stored).containsAll(acknowledged);
      assertThat(reopened.ledger().verify().violations()).isEmpty();
    }
  }

  /** Sets up a customer and meters uses until killed, acknowledging each on stdout. */
  public static final class DurabilityChild {
    static final String ACK = "ACK ";

    public static void main(String[] args) throws IOException {
      TallyConfig config =
          ConfigLoader.load(
              Optional.empty(),
              Map.of("TALLY_DATABASE_URL", args[0], "TALLY_MAINTENANCE_INTERVAL_SECONDS", "0"));
      Tally tally = Tally.open(config);
      DurabilityFixture fixture = DurabilityFixture.setUp(tally);
      for (int i = 0; ; i++) {
        String ref = "kill-" + i;
        fixture.use(tally, ref);
        System.out.println(ACK + ref);
        System.out.flush();
      }
    }
  }
}
