package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import dev.tally.core.sync.UpstreamException;
import dev.tally.sync.UpstreamConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UpstreamGateway} over HTTP: {@code GET {base}{path}?since={cursor}&limit={n}}, signed
 * by the configured signer, the answer read by {@link PageReader}. Failures become {@link
 * UpstreamException}s classified for the sync's retries: 5xx, 408, 429 (with {@code Retry-After}),
 * timeouts and connection errors are retryable; other answers, refused credentials and unreadable
 * pages are not. No retry happens here. Messages name the entity and the feed's URL (without its
 * query) and never a credential. Thread-safe.
 */
public final class OkHttpUpstreamGateway implements UpstreamGateway {
  private static final Logger LOG = LoggerFactory.getLogger(OkHttpUpstreamGateway.class);
  private static final int MAX_LIMIT = 10_000;

  private final OkHttpClient client;
  private final Map<SyncEntity, HttpUrl> endpoints;
  private final PageReader reader;
  private final Clock clock;
  private final long maxPageBytes;
  private final Duration pageTimeout;

  private OkHttpUpstreamGateway(
      OkHttpClient client,
      Map<SyncEntity, HttpUrl> endpoints,
      Clock clock,
      long maxPageBytes,
      Duration pageTimeout) {
    this.client = client;
    this.endpoints = endpoints;
    this.reader = new PageReader(clock);
    this.clock = clock;
    this.maxPageBytes = maxPageBytes;
    this.pageTimeout = pageTimeout;
  }

  /**
   * A gateway for {@code config}, its client derived from the process's shared OkHttp client (one
   * connection pool and dispatcher for all), with this config's timeouts, page size bound and
   * signer.
   *
   * @param clock the time of the signatures, of {@code cachedAt} and of HTTP-date Retry-Afters
   * @param nonces a fresh nonce per request, for the signers that send one
   */
  public static OkHttpUpstreamGateway create(
      UpstreamConfig config, Clock clock, Supplier<String> nonces) {
    checkNotNull(config, "config");
    checkNotNull(clock, "clock");
    checkNotNull(nonces, "nonces");
    OkHttpClient.Builder builder =
        SharedClient.INSTANCE
            .newBuilder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            // a read timeout bounds each silence only: an upstream trickling bytes never trips it
            .callTimeout(config.pageTimeout())
            // the signing interceptor would sign a redirected request too, handing the credentials
            // to whatever host the Location names: refuse redirects instead
            .followRedirects(false)
            .followSslRedirects(false);
    Signers.of(config.signer())
        .ifPresent(
            signer -> builder.addNetworkInterceptor(new SigningInterceptor(signer, clock, nonces)));
    Map<SyncEntity, HttpUrl> endpoints = new EnumMap<>(SyncEntity.class);
    for (SyncEntity entity : SyncEntity.values()) {
      endpoints.put(entity, config.endpoint(entity));
    }
    return new OkHttpUpstreamGateway(
        builder.build(),
        ImmutableMap.copyOf(endpoints),
        clock,
        config.maxPageBytes(),
        config.pageTimeout());
  }

  @Override
  public SyncPage fetch(SyncEntity entity, Optional<String> cursor, int limit) {
    checkNotNull(entity, "entity");
    checkNotNull(cursor, "cursor");
    checkArgument(
        limit >= 1 && limit <= MAX_LIMIT, "page limit must be 1 to %s: %s", MAX_LIMIT, limit);
    HttpUrl endpoint = endpoints.get(entity);
    HttpUrl.Builder url = endpoint.newBuilder();
    cursor.ifPresent(since -> url.addQueryParameter("since", since));
    url.addQueryParameter("limit", Integer.toString(limit));
    Request request =
        new Request.Builder().url(url.build()).header("Accept", "application/json").get().build();
    long started = System.nanoTime();
    String text;
    try (Response response = client.newCall(request).execute()) {
      text = body(entity, endpoint, response);
    } catch (SocketTimeoutException e) {
      throw new UpstreamException(
          "upstream timed out for " + entity.code() + " at " + endpoint + ": " + e.getMessage(),
          true,
          Optional.empty(),
          e);
    } catch (InterruptedIOException e) {
      // OkHttp's call timeout: the answer kept coming, too slowly to end in time
      throw new UpstreamException(
          "upstream timed out for "
              + entity.code()
              + " at "
              + endpoint
              + ": the page took longer than "
              + pageTimeout.toSeconds()
              + " s to arrive",
          true,
          Optional.empty(),
          e);
    } catch (IOException e) {
      throw new UpstreamException(
          "upstream unreachable for " + entity.code() + " at " + endpoint + ": " + e,
          true,
          Optional.empty(),
          e);
    }
    try {
      SyncPage page = reader.read(entity, text, cursor);
      LOG.debug(
          "{}: {} changes from {} (has_more={}) in {} ms",
          entity.code(),
          page.changes().size(),
          endpoint,
          page.hasMore(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      return page;
    } catch (UnreadablePageException e) {
      throw unreadable(entity, endpoint, e.getMessage());
    }
  }

  /** The body of a successful answer; throws the classified failure of any other. */
  private String body(SyncEntity entity, HttpUrl endpoint, Response response) throws IOException {
    int code = response.code();
    if (code >= 200 && code < 300) {
      ResponseBody body = response.body();
      MediaType type = body.contentType();
      if (type == null || !isJson(type)) {
        throw unreadable(
            entity,
            endpoint,
            "the answer is "
                + (type == null
                    ? "without a content type"
                    : "of type " + type.type() + "/" + type.subtype())
                + ", not application/json");
      }
      try {
        if (body.source().request(maxPageBytes + 1)) {
          throw unreadable(
              entity,
              endpoint,
              "the page is larger than "
                  + maxPageBytes
                  + " bytes; ask for fewer items a page (the sync's page size)");
        }
        // the whole page is buffered now; string() decodes it by its charset (UTF-8 by default)
        return body.string();
      } catch (InterruptedIOException timedOut) {
        throw timedOut;
      } catch (IOException cutOff) {
        // the connection ended before the answer did: the next attempt may well get it whole
        throw new UpstreamException(
            "upstream broke off the page for "
                + entity.code()
                + " at "
                + endpoint
                + " after "
                + body.source().getBuffer().size()
                + " bytes: "
                + cutOff,
            true,
            Optional.empty(),
            cutOff);
      }
    }
    String status = "(" + code + ")";
    if (code == 401 || code == 403) {
      throw new UpstreamException(
          "upstream refused the credentials for "
              + entity.code()
              + " "
              + status
              + " at "
              + endpoint
              + ": check sync.signer settings",
          false,
          Optional.empty(),
          null);
    }
    if (code == 408 || code == 429 || code >= 500) {
      Optional<Duration> retryAfter = RetryAfter.of(response.headers(), clock.now());
      throw new UpstreamException(
          "upstream failed for "
              + entity.code()
              + " "
              + status
              + " at "
              + endpoint
              + retryAfter.map(wait -> ": retry after " + wait.toSeconds() + " s").orElse(""),
          true,
          retryAfter,
          null);
    }
    if (code >= 300 && code < 400) {
      String location = response.header("Location");
      throw new UpstreamException(
          "upstream redirected "
              + entity.code()
              + " "
              + status
              + " at "
              + endpoint
              + (location == null ? "" : " to " + withoutQuery(endpoint, location))
              + ": configure the final address in sync settings",
          false,
          Optional.empty(),
          null);
    }
    throw new UpstreamException(
        "upstream rejected the request for " + entity.code() + " " + status + " at " + endpoint,
        false,
        Optional.empty(),
        null);
  }

  private static boolean isJson(MediaType type) {
    return "application".equals(type.type())
        && ("json".equals(type.subtype()) || type.subtype().endsWith("+json"));
  }

  /** The redirect target without its query, which might carry a token. */
  private static String withoutQuery(HttpUrl endpoint, String location) {
    HttpUrl target = endpoint.resolve(location);
    return target == null
        ? "an unreadable location"
        : target.newBuilder().query(null).build().toString();
  }

  private static UpstreamException unreadable(SyncEntity entity, HttpUrl endpoint, String reason) {
    return new UpstreamException(
        "upstream answered an unreadable page for "
            + entity.code()
            + " at "
            + endpoint
            + ": "
            + reason,
        false,
        Optional.empty(),
        null);
  }
}
