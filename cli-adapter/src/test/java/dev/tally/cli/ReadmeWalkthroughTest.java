package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.cli.command.Serving;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's curl walkthrough, as printed, against a server started like {@code serve
 * --demo}: only the two exported variables are set to this server's address and admin key.
 */
class ReadmeWalkthroughTest {
  private static final String ADMIN_KEY = "walkthrough-admin-key-0123456789";

  @TempDir Path data;

  @Test
  void worksAsPrinted() throws Exception {
    String script = walkthrough();
    TallyConfig config =
        ConfigLoader.load(
            Optional.empty(),
            Map.of(
                "TALLY_DATABASE_URL", "jdbc:h2:file:" + data.resolve("tally") + ";WRITE_DELAY=0",
                "TALLY_SERVER_PORT", "0",
                "TALLY_SECURITY_ADMIN_KEY", ADMIN_KEY));
    try (Serving serving = Serving.start(config, true)) {
      String output =
          run(
              script
                  .replace("http://127.0.0.1:8080", "http://127.0.0.1:" + serving.port())
                  .replace("tly_paste_the_admin_key_here", ADMIN_KEY));

      assertThat(output).contains("\"status\":\"up\"");
      assertThat(output).contains("\"sell_price\":\"0.008640\"");
      assertThat(output).contains("\"balance\":\"90.091360\"");
      assertThat(output).contains("\"source_ref_id\":\"req-0001\"");
    }
  }

  /** The walkthrough's shell block, exactly as the README prints it. */
  private static String walkthrough() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String section =
        readme.substring(
            readme.indexOf("<!-- walkthrough:start -->"), readme.indexOf("<!-- walkthrough:end -->"));
    return section.substring(section.indexOf("```sh") + "```sh".length(), section.lastIndexOf("```"));
  }

  private static String run(String script) throws IOException, InterruptedException {
    Process bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as("walkthrough output:%n%s", output).isZero();
    return output;
  }
}
