package dev.tally.cli.adminui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.cli.command.Serving;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code tally serve --demo} in this JVM on a free port, over an H2 file in {@code dir}, with a
 * JSON client that sends its admin key: what the browser tests drive and then check.
 */
final class DemoServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Serving serving;
  private final String adminKey;

  private DemoServer(Serving serving, String adminKey) {
    this.serving = serving;
    this.adminKey = adminKey;
  }

  static DemoServer start(Path dir) throws IOException {
    Path file = dir.resolve("tally.yaml");
    String url = "jdbc:h2:file:" + dir.resolve("tally").toAbsolutePath() + ";WRITE_DELAY=0";
    Files.writeString(
        file,
        "database:\n  url: \"" + url + "\"\nserver:\n  port: 0\n",
        StandardCharsets.UTF_8);
    TallyConfig config = ConfigLoader.load(Optional.of(file)).withoutBackgroundWork();
    Serving serving = Serving.start(config, true);
    String key =
        serving
            .adminKeyLine()
            .orElseThrow(() -> new IllegalStateException("the demo made no admin key"))
            .substring("admin key: ".length());
    return new DemoServer(serving, key);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + serving.port();
  }

  String adminKey() {
    return adminKey;
  }

  /** What the API answered: status and body. */
  record Reply(int status, JsonNode json) {
    String detail() {
      return json.path("detail").asText();
    }
  }

  JsonNode get(String path) {
    return ok(send("GET", path, null));
  }

  JsonNode post(String path, String json) {
    return ok(send("POST", path, json));
  }

  Reply send(String method, String path, String json) {
    return send(method, path, json, adminKey);
  }

  Reply send(String method, String path, String json, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1" + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Reply(response.statusCode(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw GET of any path of the server, without credentials. */
  HttpResponse<String> fetch(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode ok(Reply reply) {
    if (reply.status() / 100 != 2) {
      throw new AssertionError("the API refused: " + reply.status() + " " + reply.json());
    }
    return reply.json();
  }

  @Override
  public void close() {
    serving.close();
  }
}
