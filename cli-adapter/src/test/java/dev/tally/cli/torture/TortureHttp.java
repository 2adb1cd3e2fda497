package dev.tally.cli.torture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The clients' HTTP: JSON requests with the admin key to one server, answers read as status and
 * JSON. A request that gets no answer (refused connection, timeout) is answered with status {@value
 * #NO_ANSWER} and the failure as its detail, so that the caller records it as a failure rather than
 * guessing what happened. Thread-safe: one client is shared by all threads.
 */
final class TortureHttp {
  /** The status of a request that got no HTTP answer. */
  static final int NO_ANSWER = -1;

  private static final ObjectMapper JSON = new ObjectMapper();
  // long enough that a loaded machine answers; a request that takes longer is a failure
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** An answer: its status and its body as JSON (missing when the body is not JSON). */
  record Reply(int status, JsonNode json, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String text(String field) {
      return json.path(field).asText();
    }

    BigDecimal money(String field) {
      return new BigDecimal(json.path(field).asText());
    }

    /** The problem code of a refusal, or the status when the answer has none. */
    String code() {
      JsonNode code = json.path("code");
      return code.isTextual() ? code.asText() : Integer.toString(status);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Reply send(String base, String method, String path, String body) {
    return sendAsync(base, method, path, body).join();
  }

  CompletableFuture<Reply> sendAsync(String base, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + TortureServers.ADMIN_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) ->
                failure != null
                    ? new Reply(NO_ANSWER, MissingNode.getInstance(), failure.toString())
                    : new Reply(response.statusCode(), parse(response.body()), response.body()));
  }

  private static JsonNode parse(String body) {
    try {
      return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
