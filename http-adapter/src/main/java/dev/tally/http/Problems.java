package dev.tally.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.StorageUnavailableException;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.Json;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer: an RFC 9457 {@code application/problem+json} document with a stable {@code
 * code} and a {@code detail} a person can act on. The one place where outcomes become HTTP
 * statuses.
 */
public final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  /** What a 503 of the database asks a client to wait: a restarted database is back in seconds. */
  static final long STORAGE_RETRY_AFTER_SECONDS = 1;

  private Problems() {}

  /** The HTTP status of a business outcome: the one mapping, also used per item of a batch. */
  public static int status(ErrorCode code) {
    return switch (code) {
      case VALIDATION_FAILED, RESOURCE_AMBIGUOUS, CURRENCY_MISMATCH -> 400;
      case UNAUTHORIZED -> 401;
      case INSUFFICIENT_BALANCE -> 402;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, IDEMPOTENCY_CONFLICT, QUOTA_EXCEEDED, SUBSCRIPTION_EXISTS,
          RESOURCE_IN_USE, CREDIT_LIMIT_TOO_LOW, HOLD_EXPIRED, HOLD_NOT_ACTIVE, INVALID_STATE,
          SYNC_BUSY -> 409;
      case NO_SUBSCRIPTION, SUBSCRIPTION_INACTIVE, OUTSIDE_PERIOD, RESOURCE_INACTIVE,
          SUPPLIER_UNAVAILABLE, PRICE_NOT_FOUND, AMOUNT_OUT_OF_RANGE -> 422;
      case CUSTOMER_SUSPENDED -> 423;
      case RATE_LIMITED -> 429;
      case UPSTREAM_UNAVAILABLE -> 502;
      case STORAGE_UNAVAILABLE -> 503;
    };
  }

  /** The code of an error the HTTP layer itself answers, by its status. */
  static String codeOf(int status) {
    return switch (status) {
      case 400 -> ErrorCode.VALIDATION_FAILED.code();
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> "http_" + status;
    };
  }

  static void tally(TallyException refused, Context ctx) {
    write(ctx, status(refused.code()), refused.code().code(), refused.getMessage());
  }

  static void badRequest(BadRequest bad, Context ctx) {
    write(ctx, 400, ErrorCode.VALIDATION_FAILED.code(), bad.getMessage());
  }

  /**
   * The database failed or gave no connection in time. A failure at commit leaves the outcome
   * unknown, so the detail does not claim that nothing changed: it sends the client to retry,
   * which a reference (a use's source ref, a recharge's reference) makes safe.
   */
  static void storage(StorageException failure, Context ctx) {
    if (failure instanceof StorageUnavailableException) {
      // one line per request: a database outage under load must not flood the log with traces
      LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), failure.getMessage());
    } else {
      LOG.error("storage failure on {} {}", ctx.method(), ctx.path(), failure);
    }
    ctx.header("Retry-After", Long.toString(STORAGE_RETRY_AFTER_SECONDS));
    write(
        ctx,
        503,
        ErrorCode.STORAGE_UNAVAILABLE.code(),
        "the database is not available right now; try again with the same reference, which is"
            + " applied once");
  }

  static void unexpected(Exception failure, Context ctx) {
    LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), failure);
    write(ctx, 500, "internal_error", "an unexpected error occurred; it has been logged");
  }

  static void write(Context ctx, int status, String code, String detail) {
    ctx.status(status).contentType(CONTENT_TYPE).result(body(status, code, detail, ctx.path()));
  }

  /** The problem document itself. */
  static String body(int status, String code, String detail, String instance) {
    ObjectNode problem = Json.mapper().createObjectNode();
    problem.put("type", "https://tally.dev/problems/" + code);
    problem.put("title", code.replace('_', ' '));
    problem.put("status", status);
    problem.put("code", code);
    problem.put("detail", detail);
    problem.put("instance", instance);
    return problem.toString();
  }

  /**
   * Jetty's answer to what never reaches Javalin (a request it cannot parse, such as a path with
   * an encoded NUL): the same problem+json, instead of Jetty's HTML page.
   */
  static final class JettyErrors extends ErrorHandler {
    /** Every method gets the document; Jetty's default gives PUT and DELETE an empty body. */
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(
        Request request, Response response, int status, String message, Throwable cause, Callback callback) {
      String code = codeOf(status);
      String detail = "the request could not be read: " + (message == null ? "status " + status : message);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
      // Jetty drops the connection after such a request; say so, lest a client reuse it
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      response.write(
          true,
          ByteBuffer.wrap(
              body(status, code, detail, request.getHttpURI().getPath()).getBytes(StandardCharsets.UTF_8)),
          callback);
    }
  }
}
