package dev.tally.http.auth;

import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.port.in.Credentials;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the credential a request presents and asks core who it is: {@code Authorization: Bearer
 * <key>}, {@code x-api-key: <key>}, {@code Authorization: Deerer <app_id>-:-<token>} (unless Deerer
 * is turned off; also as the {@code deerer} query parameter when that is turned on), or the HMAC
 * headers {@code X-Tally-App}, {@code -Timestamp}, {@code -Nonce}, {@code -Signature}. Core refuses
 * a replayed nonce or token on every server; this answers 429, with {@code Retry-After}, to an
 * address that keeps failing. Never logs a credential.
 */
public final class Authenticator {
  public static final String APP_HEADER = "X-Tally-App";
  public static final String TIMESTAMP_HEADER = "X-Tally-Timestamp";
  public static final String NONCE_HEADER = "X-Tally-Nonce";
  public static final String SIGNATURE_HEADER = "X-Tally-Signature";

  /** The query parameter the platform's jump-in page sends its Deerer token in. */
  public static final String DEERER_PARAMETER = "deerer";

  private final Credentials credentials;
  private final FailureLimiter failures;
  private final boolean deererEnabled;
  private final boolean deererQueryParameter;

  /**
   * @param deererEnabled whether Deerer tokens are accepted at all
   * @param deererQueryParameter whether one may come as the {@code deerer} query parameter
   */
  public Authenticator(
      Credentials credentials, int failuresPerMinute, boolean deererEnabled, boolean deererQueryParameter) {
    this.credentials = credentials;
    this.failures = new FailureLimiter(failuresPerMinute);
    this.deererEnabled = deererEnabled;
    this.deererQueryParameter = deererQueryParameter;
  }

  /** Authenticates the request and remembers the principal on it; throws when it cannot. */
  public void authenticate(Context ctx) {
    String address = ctx.ip();
    Optional<Duration> blocked = failures.blockedFor(address);
    if (blocked.isPresent()) {
      long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new TallyException(
          ErrorCode.RATE_LIMITED,
          "too many failed authentications from this address; try again in " + seconds + " s");
    }
    try {
      ctx.attribute(Access.PRINCIPAL, principalOf(ctx, address));
    } catch (TallyException refused) {
      if (refused.code() == ErrorCode.UNAUTHORIZED || refused.code() == ErrorCode.FORBIDDEN) {
        failures.recordFailure(address);
      }
      throw refused;
    }
  }

  private Principal principalOf(Context ctx, String address) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      int space = authorization.indexOf(' ');
      String scheme = space < 0 ? authorization : authorization.substring(0, space);
      String value = space < 0 ? "" : authorization.substring(space + 1).strip();
      if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
        return credentials.authenticateKey(value, address);
      }
      if (scheme.equalsIgnoreCase(DeererToken.SCHEME)) {
        return deerer(value, address);
      }
      throw unauthorized(
          "the Authorization scheme must be Bearer or Deerer, not '"
              + scheme.toLowerCase(Locale.ROOT) + "'");
    }
    String apiKey = ctx.header("x-api-key");
    if (apiKey != null && !apiKey.isBlank()) {
      return credentials.authenticateKey(apiKey.strip(), address);
    }
    if (ctx.header(APP_HEADER) != null) {
      return signed(ctx, address);
    }
    String deererParameter = ctx.queryParam(DEERER_PARAMETER);
    if (deererParameter != null && deererQueryParameter) {
      // a '+' of the base64 arrives as a space when the page did not encode it; base64 has none
      return deerer(deererParameter.replace(' ', '+'), address);
    }
    throw unauthorized(
        "no credentials: send Authorization: Bearer <key>, x-api-key, a Deerer token or a signed"
            + " request");
  }

  private Principal deerer(String value, String address) {
    if (!deererEnabled) {
      throw unauthorized("Deerer tokens are turned off on this server (security.deerer_enabled); sign requests with HMAC");
    }
    int separator = value.indexOf(DeererToken.SEPARATOR);
    if (separator <= 0) {
      throw unauthorized("a Deerer token is <app_id>-:-<base64>");
    }
    return credentials.authenticateDeerer(
        value.substring(0, separator),
        value.substring(separator + DeererToken.SEPARATOR.length()),
        address);
  }

  private Principal signed(Context ctx, String address) {
    String appId = ctx.header(APP_HEADER);
    String timestamp = required(ctx, TIMESTAMP_HEADER);
    String nonce = required(ctx, NONCE_HEADER);
    String signature = required(ctx, SIGNATURE_HEADER);
    SignedRequest request =
        new SignedRequest(
            ctx.method().name(), ctx.path(), ctx.queryParamMap(), timestamp, nonce, ctx.bodyAsBytes());
    return credentials.authenticateSigned(appId, request, signature, address);
  }

  private static String required(Context ctx, String header) {
    return Optional.ofNullable(ctx.header(header))
        .filter(value -> !value.isBlank())
        .orElseThrow(() -> unauthorized("a signed request needs the " + header + " header"));
  }

  private static TallyException unauthorized(String why) {
    return new TallyException(ErrorCode.UNAUTHORIZED, why);
  }
}
