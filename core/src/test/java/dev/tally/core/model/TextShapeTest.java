package dev.tally.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes of references, source refs and currency codes, as their columns hold them. */
class TextShapeTest {
  @Test
  void aShapeHoldsItsLengthsAndItsCharactersOnly() {
    TextShape shape = TextShape.lettersDigitsAnd("-", 2, 4);

    assertThat(shape.matches("a-")).isTrue();
    assertThat(shape.matches("Z9-9")).isTrue();
    assertThat(shape.matches("a")).as("shorter").isFalse();
    assertThat(shape.matches("abcde")).as("longer").isFalse();
    assertThat(shape.matches("a_")).as("another mark").isFalse();
    assertThat(shape.matches("\u00e9t\u00e9")).as("a letter beyond ASCII").isFalse();
  }

  @Test
  void aReferenceIsALowerCaseTypeAndAnIdOfUpTo64Characters() {
    assertThat(new Reference("usage", "a/b:c@d.e_f-" + "x".repeat(52)).id()).hasSize(64);

    assertThatThrownBy(() -> new Reference("Usage", "u1"))
        .hasMessage("reference type is malformed: 'Usage'");
    assertThatThrownBy(() -> new Reference("usage", "x".repeat(65)))
        .hasMessageStartingWith("reference must be 1 to 64 letters, digits or _.:@/- characters");
    assertThatThrownBy(() -> new Reference("usage", "pay ment"))
        .hasMessage("reference must be 1 to 64 letters, digits or _.:@/- characters: 'pay ment'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "orders/eu", "orders eu", "\u8ba2\u5355"})
  void aSourceRefTableIsUpTo64LettersDigitsOrMarksWithoutASlash(String table) {
    assertThatThrownBy(() -> SourceRef.of(table, "r1"))
        .hasMessage(
            "source_ref_table must be 1 to 64 letters, digits or _.:- characters: '%s'", table);
  }

  @Test
  void aSourceRefTableOf64CharactersIsTaken() {
    assertThat(SourceRef.of("t_.:-" + "9".repeat(59), "r1").table()).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CN", "cny", "CNY1", "ABCDEFGHI"})
  void aCurrencyIsThreeToEightCapitalLetters(String code) {
    assertThatThrownBy(() -> Currency.of(code))
        .hasMessage("currency code must be 3 to 8 capital letters: '%s'", code);
  }

  @Test
  void theDefaultCurrencyIsMadeWithItsShapeInPlace() {
    assertThat(Currency.CNY.code()).isEqualTo("CNY");
    assertThat(Currency.of("USDT").code()).isEqualTo("USDT");
  }
}
