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
 * <key>}, {@code x-api-key: <key>}, {@code Authorization: Deerer <app_id>-:-<token>}, or the HMAC
 * headers {@code X-Tally-App}, {@code -Timestamp}, {@code -Nonce}, {@code -Signature}. Refuses a
 * replayed nonce and answers 429 to an address that keeps failing. Never logs a credential.
 */
public final class Authenticator {
  public static final String APP_HEADER = "X-Tally-App";
  public static final String TIMESTAMP_HEADER = "X-Tally-Timestamp";
  public static final String NONCE_HEADER = "X-Tally-Nonce";
  public static final String SIGNATURE_HEADER = "X-Tally-Signature";

  private final Credentials credentials;
  private final NonceCache nonces;
  private final FailureLimiter failures;

  public Authenticator(Credentials credentials, Duration timestampWindow, int failuresPerMinute) {
    this.credentials = credentials;
    this.nonces = new NonceCache(timestampWindow);
    this.failures = new FailureLimiter(failuresPerMinute);
  }

  /** Authenticates the request and remembers the principal on it; throws when it cannot. */
  public void authenticate(Context ctx) {
    String address = ctx.ip();
    if (failures.isBlocked(address)) {
      throw new TallyException(
          ErrorCode.RATE_LIMITED,
          "too many failed authentications from this address; wait a minute");
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
    throw unauthorized(
        "no credentials: send Authorization: Bearer <key>, x-api-key, a Deerer token or a signed"
            + " request");
  }

  private Principal deerer(String value, String address) {
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
    Principal principal = credentials.authenticateSigned(appId, request, signature, address);
    if (!nonces.firstUse(appId, nonce)) {
      throw unauthorized("this nonce was used before: a signed request is accepted once");
    }
    return principal;
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
