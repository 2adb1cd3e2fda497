package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "c0001",
        "019b2f3c4d5e7000a1b2c3d4e5f60718",
        "ORG_1.team:eu@x-y",
        "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"
      })
  void acceptsOneToThirtyTwoLettersDigitsAndTheFivePunctuationMarks(String id) {
    assertThat(Ids.check(id, "org_id")).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
        "has space",
        "tab\there",
        "slash/",
        "quote'",
        "comma,",
        "plus+",
        "caf\u00e9",
        "\u0441yrillic",
        "full\uff21width",
        "new\nline"
      })
  void refusesAnythingElseNamingTheFieldAndTheValue(String id) {
    assertThatThrownBy(() -> Ids.check(id, "org_id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org_id must be 1 to 32 letters, digits or _.:@- characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"org_id", "product_id"})
  void refusesNullNamingTheField(String what) {
    assertThatThrownBy(() -> Ids.check(null, what))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(what);
  }
}
