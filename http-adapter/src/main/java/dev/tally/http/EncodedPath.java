package dev.tally.http;

import dev.tally.http.json.BadRequest;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * A request path whose percent-escapes do not decode (a {@code %} not followed by two hex digits)
 * is the client's mistake: refused with 400 before the router, whose decoding of path parameters
 * would otherwise fail as a server error.
 */
final class EncodedPath {
  private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private EncodedPath() {}

  static void requireDecodable(Context ctx) {
    String raw = ctx.req().getRequestURI();
    if (raw != null && BROKEN_ESCAPE.matcher(raw).find()) {
      throw new BadRequest("the path has a '%' that is not followed by two hex digits; encode '%' as %25");
    }
  }
}
