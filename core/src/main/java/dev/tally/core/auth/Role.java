package dev.tally.core.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an API key may do. */
public enum Role {
  /** Everything. */
  ADMIN,
  /** Records usage and holds, reads everything. */
  SERVICE,
  /** Reads only its own org's balance, subscriptions, usage and records. */
  CUSTOMER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    for (Role role : values()) {
      if (role.code().equals(code)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role must be one of "
            + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "))
            + ": '"
            + code
            + "'");
  }
}
