package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of error exits with its own status and says so on one stderr line with its code. */
class ExitCodesTest {
  @TempDir static Path dir;
  private static Cli cli;

  @BeforeAll
  static void demo() throws Exception {
    cli = Cli.in(dir);
    cli.tally("demo").succeeded();
  }

  private static void assertFails(Cli.Result result, int status, String code) {
    assertThat(result.status()).as("exit status; stderr: %s", result.err()).isEqualTo(status);
    assertThat(result.err()).startsWith("tally: " + code + ": ");
    assertThat(result.err().lines()).as("one line").hasSize(1);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void badUsageExits2() {
    assertThat(cli.tally("balance", "show").status()).isEqualTo(2);
  }

  @Test
  void badConfigurationExits3() throws Exception {
    Cli broken = Cli.in(Files.createDirectories(dir.resolve("broken")), "billing:\n  default_currency: yen\n");

    assertFails(broken.tally("balance", "list"), 3, "config_invalid");
  }

  @Test
  void anInvalidAmountExits4() {
    assertFails(cli.tally("balance", "recharge", "acme", "12.3456789"), 4, "validation_failed");
  }

  @Test
  void anUnknownCustomerExits5() {
    assertFails(cli.tally("balance", "show", "nobody"), 5, "not_found");
  }

  @Test
  void aConflictExits6() {
    assertFails(cli.tally("supplier", "create", "supplier-apihub", "--name", "again"), 6, "already_exists");
  }

  @Test
  void aUseTheBalanceCannotPayExits7() throws Exception {
    String product =
        new ObjectMapper()
            .readTree(cli.tally("product", "list", "--json").succeeded().out())
            .get(0).path("id").asText();
    cli.tally("balance", "recharge", "pauper", "0.000001").succeeded();

    Cli.Result use =
        cli.tally("use", "--product", product, "--org", "pauper", "--user", "p", "--amount", "1000000", "--unit",
            "token", "--usage", "prompt_tokens=1000000", "--source-table", "t", "--source-id", "poor-1");

    assertFails(use, 7, "insufficient_balance");
  }

  @Test
  void aSyncWithNoUpstreamExits9() {
    Cli.Result sync = cli.tally("sync", "run");

    assertThat(sync.status()).isEqualTo(9);
    assertThat(sync.err()).startsWith("tally: no upstream is configured");
  }

  @Test
  void everyKindOfRefusalHasItsStatus() {
    Map<ErrorKind, Integer> expected =
        Map.of(
            ErrorKind.INVALID, 4,
            ErrorKind.NOT_FOUND, 5,
            ErrorKind.CONFLICT, 6,
            ErrorKind.REJECTED, 7,
            ErrorKind.UNAUTHORIZED, 8,
            ErrorKind.FORBIDDEN, 8,
            ErrorKind.UNAVAILABLE, 9);
    for (ErrorCode code : ErrorCode.values()) {
      TallyException refused = TallyException.of(code, "refused");
      assertThat(ExitCodes.of(refused)).as(code.code()).isEqualTo(expected.get(code.kind()));
      assertThat(ExitCodes.code(refused)).isEqualTo(code.code());
    }
  }
}
