package dev.tally.http.route;

import dev.tally.core.model.PageRequest;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.StrictJson;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** Path and query parameters, read by name; a bad value is a 400 naming the parameter. */
final class Params {
  private Params() {}

  static <T> T path(Context ctx, String name, Function<String, T> parse) {
    String text = ctx.pathParam(name);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(name + ": " + e.getMessage());
    }
  }

  static <T> Optional<T> query(Context ctx, String name, Function<String, T> parse) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(name + ": " + e.getMessage());
    }
  }

  /** A decimal as the API writes one ({@value StrictJson#DECIMAL}), for {@link #query}. */
  static BigDecimal decimal(String text) {
    if (text.length() > 100 || !StrictJson.isDecimal(text)) {
      throw new IllegalArgumentException(
          "must be a decimal number such as 12.50 (digits, an optional minus and point), got '"
              + text + "'");
    }
    return new BigDecimal(text);
  }

  static Optional<Instant> instant(Context ctx, String name) {
    return query(
        ctx,
        name,
        text -> {
          try {
            return Instant.parse(text);
          } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                "must be an ISO-8601 UTC time such as 2026-03-01T00:00:00Z, got '" + text + "'");
          }
        });
  }

  static boolean flag(Context ctx, String name) {
    return query(
            ctx,
            name,
            text -> {
              if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("must be true or false");
              }
              return Boolean.parseBoolean(text);
            })
        .orElse(false);
  }

  /** {@code page} (from 1) and {@code page_size} (1 to 1000, default 50). */
  static PageRequest page(Context ctx) {
    int page = query(ctx, "page", Params::positiveInt).orElse(1);
    int size = query(ctx, "page_size", Params::positiveInt).orElse(PageRequest.DEFAULT_SIZE);
    if (size > PageRequest.MAX_SIZE) {
      throw new BadRequest("page_size: at most " + PageRequest.MAX_SIZE);
    }
    return new PageRequest(page, size);
  }

  private static int positiveInt(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value < 1) {
        throw new IllegalArgumentException("must be 1 or more, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number, got '" + text + "'");
    }
  }
}
