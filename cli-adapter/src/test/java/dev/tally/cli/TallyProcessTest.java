package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally} as a process of its own, as a shell runs it: what it prints on stdout and stderr,
 * and its exit status.
 */
class TallyProcessTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void config() throws Exception {
    cli = Cli.in(dir);
  }

  private record Ran(int status, String out, String err) {}

  private Ran tally(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TallyCli.class.getName());
    command.addAll(List.of(args));
    command.add("--config");
    command.add(cli.configFile().toString());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TALLY_"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void recordsAUseAndPrintsTheBalanceAsJson() throws Exception {
    assertThat(tally("demo").status()).isZero();

    Ran recharge = tally("balance", "recharge", "acme", "9.9", "--json");
    assertThat(recharge.status()).isZero();
    assertThat(recharge.out()).contains("\"balance\":\"100.000000\"");
    assertThat(recharge.err()).isEmpty();
  }

  @Test
  void anErrorIsOneLineOnStderrWithItsStatus() throws Exception {
    Ran missing = tally("balance", "show", "nobody");

    assertThat(missing.status()).isEqualTo(5);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).matches("tally: not_found: [^\n]*\n");
  }

  @Test
  void aListIsCsvThroughAPipe() throws Exception {
    tally("balance", "recharge", "acme", "1");

    Ran list = tally("balance", "list", "--csv");

    assertThat(list.out().lines().toList())
        .first().asString().startsWith("customer_id,balance,");
    assertThat(list.out()).doesNotContain("\u001b[");
  }
}
