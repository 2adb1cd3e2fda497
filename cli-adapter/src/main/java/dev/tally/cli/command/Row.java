package dev.tally.cli.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One thing a command prints: named fields in order, their names in snake_case as the HTTP API
 * names them. Values are text (money as exact decimal strings, as stored), whole numbers,
 * booleans, nested rows or lists, or null for "none".
 */
final class Row {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  static Row of() {
    return new Row();
  }

  Row put(String name, Object value) {
    Object shown = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    fields.put(name, shown == null || shown instanceof String || shown instanceof Number
        || shown instanceof Boolean || shown instanceof Row || shown instanceof Iterable<?>
        ? shown : shown.toString());
    return this;
  }

  Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  Object get(String name) {
    return fields.get(name);
  }

  /** The field as people read it: "-" for none, "yes"/"no" for booleans. */
  String text(String name) {
    Object value = fields.get(name);
    if (value == null) {
      return "-";
    }
    if (value instanceof Boolean flag) {
      return flag ? "yes" : "no";
    }
    return value.toString();
  }
}
