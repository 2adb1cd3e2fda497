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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally serve --demo --port 0} as a real process, the way the README starts it: it prints
 * the admin key and the address it really listens on, serves the API there, and stops on SIGTERM.
 */
class ServeProcessTest {
  private static final Pattern SERVING =
      Pattern.compile("tally serving on (http://127\\.0\\.0\\.1:(\\d+))");

  @TempDir Path dir;

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void servesTheDemoOnThePortItPrintsAndStopsWhenTerminated() throws Exception {
    Cli cli = Cli.in(dir);
    Path stderr = dir.resolve("stderr.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TallyCli.class.getName(),
                "serve",
                "--demo",
                "--port",
                "0",
                "--config",
                cli.configFile().toString())
            .redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TALLY_"));
    long started = System.nanoTime();
    Process serve = builder.start();
    try {
      List<String> printed =
          CompletableFuture.supplyAsync(() -> readUntilServing(serve))
              .get(60, TimeUnit.SECONDS); // a loaded machine starts slowly; the start is not what is tested
      long startup = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(printed).hasSize(2);
      assertThat(printed.get(0)).matches("admin key: tly_\\S+");
      String key = printed.get(0).substring("admin key: ".length());
      Matcher serving = SERVING.matcher(printed.get(1));
      assertThat(serving.matches()).as(printed.get(1)).isTrue();
      assertThat(Integer.parseInt(serving.group(2))).isPositive();
      String base = serving.group(1);

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> health = http.send(get(base + "/api/v1/health").build(), ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"up\"");

      HttpResponse<String> anonymous = http.send(get(base + "/api/v1/balances/acme").build(), ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);

      HttpResponse<String> balance =
          http.send(
              get(base + "/api/v1/balances/acme").header("Authorization", "Bearer " + key).build(),
              ofString());
      assertThat(balance.statusCode()).isEqualTo(200);
      assertThat(balance.body()).contains("\"customer_id\":\"acme\"").contains("\"balance\":\"90.100000\"");

      serve.destroy();
      assertThat(serve.waitFor(10, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      System.out.printf(
          "serve --demo --port 0: serving after %d ms, stopped %d ms after start%n",
          startup, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      assertThat(Files.readString(stderr)).doesNotContain("Exception");
    } finally {
      serve.destroyForcibly();
    }
  }

  /** Stdout up to and including the serving line. */
  private static List<String> readUntilServing(Process process) {
    List<String> lines = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith("tally serving on ")) {
          return lines;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("tally serve ended before serving; it printed " + lines);
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
