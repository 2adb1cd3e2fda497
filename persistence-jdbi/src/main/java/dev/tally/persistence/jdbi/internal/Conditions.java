package dev.tally.persistence.jdbi.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/** The WHERE clause of a filtered list: only the filters that are present, bound by name. */
final class Conditions {
  private final List<String> clauses = new ArrayList<>();
  private final Map<String, Object> strings = new LinkedHashMap<>();
  private final Map<String, Argument> arguments = new LinkedHashMap<>();

  /** {@code column = value} when the value is present. */
  Conditions equal(String column, Optional<?> value) {
    value.ifPresent(
        present -> {
          String name = "p" + (strings.size() + arguments.size());
          clauses.add(column + " = :" + name);
          strings.put(name, present.toString());
        });
    return this;
  }

  /** {@code column >= from} when present (inclusive). */
  Conditions from(String column, Optional<Instant> from) {
    return compare(column, ">=", from);
  }

  /** {@code column < to} when present (exclusive). */
  Conditions to(String column, Optional<Instant> to) {
    return compare(column, "<", to);
  }

  private Conditions compare(String column, String operator, Optional<Instant> instant) {
    instant.ifPresent(
        present -> {
          String name = "p" + (strings.size() + arguments.size());
          clauses.add(column + " " + operator + " :" + name);
          arguments.put(name, Sql.timestamp(present));
        });
    return this;
  }

  /** A fixed condition without parameters, e.g. {@code sell_price > 0}. */
  Conditions always(String clause) {
    clauses.add(clause);
    return this;
  }

  String where() {
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  <S extends SqlStatement<S>> S bind(S statement) {
    strings.forEach((name, value) -> statement.bind(name, (String) value));
    arguments.forEach(statement::bind);
    return statement;
  }
}
