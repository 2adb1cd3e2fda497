package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountIdTest {
  // owners that differ in a character below ':' (digits, '-', '.'), at ':', above it, or by being
  // a prefix of another
  private static final List<String> OWNERS =
      List.of(
          "a", "a-b", "a.b", "a0", "a9", "a:b", "a@b", "aB", "a_b", "ab", "b", "Z", "1", "org-1",
          "org");

  @Test
  void ordersAsTheWrittenFormsDo() {
    List<AccountId> accounts = new ArrayList<>();
    for (AccountKind kind : AccountKind.values()) {
      for (String owner : OWNERS) {
        accounts.add(new AccountId(kind, OrgId.of(owner)));
      }
    }
    for (AccountId one : accounts) {
      for (AccountId other : accounts) {
        assertThat(Integer.signum(one.compareTo(other)))
            .as("%s against %s", one, other)
            .isEqualTo(Integer.signum(one.toString().compareTo(other.toString())));
      }
    }
    assertThat(accounts.stream().sorted().toList())
        .isEqualTo(accounts.stream().sorted(Comparator.comparing(AccountId::toString)).toList());
  }

  @Test
  void kindCodesAreLowercaseLettersWhichTheOrderRestsOn() {
    for (AccountKind kind : AccountKind.values()) {
      assertThat(kind.code()).matches("[a-z]+");
    }
  }
}
