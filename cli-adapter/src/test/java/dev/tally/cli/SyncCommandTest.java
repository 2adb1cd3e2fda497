package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.bootstrap.Tally;
import dev.tally.core.sync.SyncStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {
  @TempDir Path dir;

  @Test
  void statusListsTheFourEntities() throws Exception {
    Cli cli = Cli.in(dir);

    Cli.Result status = cli.tally("sync", "status").succeeded();

    assertThat(status.out().lines())
        .hasSize(5)
        .first()
        .asString()
        .startsWith("ENTITY")
        .contains("STATUS", "ITEMS", "LAST SUCCESS", "LAST ERROR");
    assertThat(status.out().lines().skip(1).map(line -> line.split("\\s+")[0]))
        .containsExactly("users", "pricing", "uapi", "llmage");
    assertThat(status.out()).contains("idle").contains("never");
  }

  @Test
  void runWithoutAnUpstreamExits9AndSaysNoneIsConfigured() throws Exception {
    Cli cli = Cli.in(dir);

    Cli.Result run = cli.tally("sync", "run");

    assertThat(run.status()).isEqualTo(9);
    assertThat(run.err()).contains("no upstream is configured").contains("sync.base_url");
    try (Tally tally = cli.open()) {
      // nothing was attempted, so nothing is recorded as failed
      assertThat(tally.sync().states()).allSatisfy(state -> assertThat(state.status()).isEqualTo(SyncStatus.IDLE));
    }
  }

  @Test
  void runOfAnUnknownEntityIsInvalid() throws Exception {
    Cli cli = Cli.in(dir, "sync:\n  base_url: http://127.0.0.1:9/\n");

    Cli.Result run = cli.tally("sync", "run", "invoices");

    assertThat(run.status()).isEqualTo(4);
    assertThat(run.err()).contains("sync entity must be one of users, pricing, uapi, llmage: 'invoices'");
  }
}
