package dev.tally.http.route;

import dev.tally.http.json.BadRequest;
import java.util.function.Supplier;

/**
 * Building a use-case command (or a domain value) from request data. Commands validate themselves
 * with {@link IllegalArgumentException}; made from what a client sent, that refusal is the client's
 * mistake, so it becomes a 400 {@code validation_failed} with the command's message.
 */
final class Commands {
  private Commands() {}

  static <T> T build(Supplier<T> command) {
    try {
      return command.get();
    } catch (IllegalArgumentException refused) {
      throw new BadRequest(refused.getMessage());
    }
  }
}
