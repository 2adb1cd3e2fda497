package dev.tally.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.tally.core.sync.SyncEntity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Where the upstream services are and how to call them: one base URL, the path of each entity's
 * change feed under it, the timeouts and the signer. An entity's feed is {@code base + path}, so a
 * base with a path ({@code https://platform.example/api/}) prefixes every entity's path.
 *
 * <p>The default paths are {@value #USERS_PATH}, {@value #PRICING_PATH}, {@value #UAPI_PATH} and
 * {@value #LLMAGE_PATH}; the default timeouts 5 s to connect, 30 s to read and 120 s for a whole
 * page; the largest page read 16 MiB. The base URL may
 * carry neither credentials nor a query: credentials belong to the {@link SignerConfig}, and error
 * messages quote the URL. Immutable; its {@code toString()} shows no secret.
 *
 * @param readTimeout the longest wait for the next bytes of an answer (not for the whole answer)
 * @param pageTimeout the longest a whole page may take, from the request to its last byte: an
 *     upstream that trickles its answer, each byte within the read timeout, is cut off after it
 * @param maxPageBytes the largest answer read; a larger one is refused once that many bytes have
 *     arrived, so that a runaway upstream cannot exhaust the heap
 */
public record UpstreamConfig(
    HttpUrl baseUrl,
    Map<SyncEntity, String> paths,
    Duration connectTimeout,
    Duration readTimeout,
    Duration pageTimeout,
    long maxPageBytes,
    SignerConfig signer) {

  public static final String USERS_PATH = "/users/changes";
  public static final String PRICING_PATH = "/pricing/changes";
  public static final String UAPI_PATH = "/uapi/changes";
  public static final String LLMAGE_PATH = "/llmage/changes";

  /** The path of each entity's feed when none is configured. */
  public static final Map<SyncEntity, String> DEFAULT_PATHS =
      ImmutableMap.of(
          SyncEntity.USERS, USERS_PATH,
          SyncEntity.PRICING, PRICING_PATH,
          SyncEntity.UAPI, UAPI_PATH,
          SyncEntity.LLMAGE, LLMAGE_PATH);

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_PAGE_TIMEOUT = Duration.ofSeconds(120);
  public static final long DEFAULT_MAX_PAGE_BYTES = 16L * 1024 * 1024;

  public UpstreamConfig {
    checkNotNull(baseUrl, "upstream base url");
    checkArgument(
        baseUrl.username().isEmpty() && baseUrl.password().isEmpty(),
        "upstream base url must not carry credentials (configure sync.signer instead): %s://%s",
        baseUrl.scheme(),
        baseUrl.host());
    checkArgument(
        baseUrl.query() == null && baseUrl.fragment() == null,
        "upstream base url must have no query nor fragment: %s",
        baseUrl.newBuilder().query(null).fragment(null).build());
    checkNotNull(paths, "upstream paths");
    EnumMap<SyncEntity, String> complete = new EnumMap<>(DEFAULT_PATHS);
    paths.forEach(
        (entity, path) -> {
          checkNotNull(entity, "entity");
          checkNotNull(path, "upstream path of %s", entity.code());
          checkArgument(
              path.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*"),
              "upstream path of %s must start with '/' and hold no query: '%s'",
              entity.code(),
              path);
          complete.put(entity, path);
        });
    paths = ImmutableMap.copyOf(complete);
    connectTimeout = positive(connectTimeout, "upstream connect timeout");
    readTimeout = positive(readTimeout, "upstream read timeout");
    pageTimeout = positive(pageTimeout, "upstream page timeout");
    checkArgument(maxPageBytes >= 1, "the largest page is at least 1 byte: %s", maxPageBytes);
    checkNotNull(signer, "upstream signer");
  }

  /** The defaults (paths, timeouts, no signer) for the upstream at {@code baseUrl}. */
  public static UpstreamConfig of(HttpUrl baseUrl) {
    return new UpstreamConfig(
        baseUrl,
        DEFAULT_PATHS,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_PAGE_TIMEOUT,
        DEFAULT_MAX_PAGE_BYTES,
        SignerConfig.none());
  }

  /** The defaults for the upstream at {@code baseUrl}; fails when it is not an http(s) URL. */
  public static UpstreamConfig of(String baseUrl) {
    checkNotNull(baseUrl, "upstream base url");
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    checkArgument(parsed != null, "upstream base url is not an http or https URL: '%s'", baseUrl);
    return of(parsed);
  }

  public UpstreamConfig withPath(SyncEntity entity, String path) {
    EnumMap<SyncEntity, String> changed = new EnumMap<>(paths);
    changed.put(entity, path);
    return new UpstreamConfig(
        baseUrl, changed, connectTimeout, readTimeout, pageTimeout, maxPageBytes, signer);
  }

  public UpstreamConfig withTimeouts(Duration connect, Duration read) {
    return new UpstreamConfig(baseUrl, paths, connect, read, pageTimeout, maxPageBytes, signer);
  }

  /** The longest a whole page may take, however steadily its bytes come. */
  public UpstreamConfig withPageTimeout(Duration page) {
    return new UpstreamConfig(
        baseUrl, paths, connectTimeout, readTimeout, page, maxPageBytes, signer);
  }

  /** The largest page read. */
  public UpstreamConfig withMaxPageBytes(long bytes) {
    return new UpstreamConfig(baseUrl, paths, connectTimeout, readTimeout, pageTimeout, bytes, signer);
  }

  public UpstreamConfig withSigner(SignerConfig newSigner) {
    return new UpstreamConfig(
        baseUrl, paths, connectTimeout, readTimeout, pageTimeout, maxPageBytes, newSigner);
  }

  /** The feed of {@code entity}: the base URL's path, without its trailing slash, then the path. */
  public HttpUrl endpoint(SyncEntity entity) {
    String prefix = baseUrl.encodedPath();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return baseUrl.newBuilder().encodedPath(prefix + paths.get(entity)).build();
  }

  private static Duration positive(Duration timeout, String what) {
    checkNotNull(timeout, what);
    checkArgument(
        !timeout.isNegative() && !timeout.isZero() && timeout.toMillis() >= 1,
        "%s must be at least 1 ms: %s",
        what,
        timeout);
    return timeout;
  }
}
