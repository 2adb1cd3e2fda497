package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tally serve} process holds the embedded database's folder: a command on the same folder
 * stops at once with exit status 10 and one line saying what to do, and the server keeps serving.
 * Once the server is gone, the same command works.
 */
class EmbeddedDatabaseHeldTest {
  private static final Pattern SERVING = Pattern.compile("tally serving on (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aCommandOnTheFolderOfARunningServerSaysWhatToDoAndTouchesNothing() throws Exception {
    Path data = dir.resolve("data").resolve("tally");
    Cli cli =
        Cli.withConfig(dir, "database:\n  url: \"embedded-postgresql:" + data + "\"\nserver:\n  port: 0\n");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TallyCli.class.getName(),
                "serve",
                "--demo",
                "--config",
                cli.configFile().toString())
            .redirectError(dir.resolve("serve.err").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TALLY_"));
    Process serve = builder.start();
    try {
      String base = CompletableFuture.supplyAsync(() -> serving(serve)).get(180, TimeUnit.SECONDS);

      Cli.Result held = cli.tally("balance", "show", "acme");

      assertThat(held.status()).isEqualTo(10);
      assertThat(held.out()).isEmpty();
      assertThat(held.err().lines()).hasSize(1);
      assertThat(held.err())
          .startsWith("tally: database_in_use: the embedded database " + data)
          .contains("in use by a running Tally (pid " + serve.pid() + ")")
          .contains("stop it, or use its HTTP API, or set database.url");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as("the server still serves").isEqualTo(200);
      assertThat(health.body()).contains("\"database\":\"up\"");

      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      Cli.Result afterwards = cli.tally("balance", "show", "acme").succeeded();
      assertThat(afterwards.line("balance")).isEqualTo("90.100000");
    } finally {
      serve.destroyForcibly();
    }
  }

  private static String serving(Process process) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher serving = SERVING.matcher(line);
        if (serving.find()) {
          return serving.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("tally serve ended before serving");
  }
}
