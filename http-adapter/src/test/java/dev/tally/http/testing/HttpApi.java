package dev.tally.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A small JSON client over a real socket (the JDK's HttpClient), for the API tests. */
public final class HttpApi {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final Map<String, String> headers;

  private HttpApi(String baseUrl, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.headers = headers;
  }

  static HttpApi bearer(String baseUrl, String key) {
    return new HttpApi(baseUrl, Map.of("Authorization", "Bearer " + key));
  }

  static HttpApi anonymous(String baseUrl) {
    return new HttpApi(baseUrl, Map.of());
  }

  /** The same client with one more header. */
  public HttpApi with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpApi(baseUrl, more);
  }

  /** The same client without any of its headers. */
  public HttpApi withoutCredentials() {
    return new HttpApi(baseUrl, Map.of());
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json);
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  public Reply send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> replyHeaders = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> replyHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      return new Reply(
          response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), replyHeaders);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the server answered; {@code headers} by lower-case name, the first value of each. */
  public record Reply(int status, String contentType, String body, Map<String, String> headers) {
    /** A header's first value, by any case of its name. */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    /** The stable {@code code} of a problem+json answer. */
    public String code() {
      return json().path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
