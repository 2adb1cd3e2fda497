package dev.tally.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;

/**
 * A request body must say it is JSON ({@code application/json}, or {@code application/...+json}),
 * in UTF-8; the routes that take JSON lines take {@code application/x-ndjson} (or {@code
 * application/jsonl}) instead. Anything else is refused with 415 before a route reads it: a body
 * sent as {@code text/plain} is a client's mistake, never applied.
 */
final class BodyMediaType {
  private BodyMediaType() {}

  static void require(Context ctx, boolean jsonLines) {
    if (!hasBody(ctx)) {
      return;
    }
    String declared = ctx.header("Content-Type");
    String[] parts = (declared == null ? "" : declared).split(";", -1);
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    boolean accepted =
        jsonLines
            ? type.equals("application/x-ndjson") || type.equals("application/jsonl")
            : type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    if (!accepted) {
      throw new HttpResponseException(
          415,
          "a request body here must be "
              + (jsonLines ? "JSON lines (Content-Type: application/x-ndjson)" : "JSON (Content-Type: application/json)")
              + ", not " + (declared == null ? "a body without a Content-Type" : "'" + declared + "'")
              + "; nothing was changed");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].strip().split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset")
          && (parameter.length < 2 || !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        throw new HttpResponseException(
            415, "a request body must be UTF-8, not '" + declared + "'; nothing was changed");
      }
    }
  }

  private static boolean hasBody(Context ctx) {
    String length = ctx.header("Content-Length");
    String encoding = ctx.header("Transfer-Encoding");
    return (length != null && !length.strip().equals("0")) || encoding != null;
  }
}
