package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/** A unit of use: {@code token}, {@code call}, {@code second}, {@code byte}, {@code image}, ... */
public record Unit(String name) {
  public static final Unit TOKEN = new Unit("token");
  public static final Unit CALL = new Unit("call");

  public Unit {
    checkNotNull(name, "unit");
    checkArgument(
        !name.isBlank() && name.length() <= 32 && name.strip().equals(name),
        "unit must be 1 to 32 characters without surrounding spaces: '%s'",
        name);
  }

  public static Unit of(String name) {
    return new Unit(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
