package dev.tally.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known answers produced independently with OpenSSL:
 *
 * <pre>
 * printf '1732412345.8731:tly_exampleKey0001' \
 *   | openssl enc -aes-256-ecb -K $(printf 'app-secret-123******************' | xxd -p -c 64) \
 *       -nosalt -base64 -A
 * printf '1700000000:tly_k' | openssl enc -aes-256-ecb \
 *   -K $(printf 'this-secret-is-longer-than-thirty-two-bytes!!' | head -c 32 | xxd -p -c 64) \
 *   -nosalt -base64 -A
 * </pre>
 */
class DeererTokenTest {
  private static final String PADDED_TOKEN =
      "eJgHCDTfUySpDwIlC2hFvsH753lKGkscVOdDzjiDUvnRfHF+HYLTsUeaXyZB9XNc";
  private static final String CUT_TOKEN = "KrB4bqXZMvsuXzCj0mYMW2Aq40kioIsbpUOVcgtzV3I=";

  @Test
  void encryptsAsTheOpensslReferenceWithASecretPaddedWithStars() {
    assertThat(DeererToken.encrypt("app-secret-123", "1732412345.8731", "tly_exampleKey0001"))
        .isEqualTo(PADDED_TOKEN);
  }

  @Test
  void cutsASecretLongerThanThirtyTwoBytes() {
    assertThat(
            DeererToken.encrypt(
                "this-secret-is-longer-than-thirty-two-bytes!!", "1700000000", "tly_k"))
        .isEqualTo(CUT_TOKEN);
  }

  @Test
  void decryptsTheReferenceTokenWithItsFractionalTime() {
    DeererToken.Contents contents = DeererToken.decrypt("app-secret-123", PADDED_TOKEN);

    assertThat(contents.apiKey()).isEqualTo("tly_exampleKey0001");
    assertThat(contents.issuedAt()).isEqualTo(Instant.parse("2024-11-24T01:39:05.873100Z"));
    assertThat(contents.toString()).doesNotContain("tly_exampleKey0001");
  }

  @Test
  void refusesATokenUnderAnotherSecretOrNotBase64() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DeererToken.decrypt("another-secret", PADDED_TOKEN));
    assertThatIllegalArgumentException().isThrownBy(() -> DeererToken.decrypt("app-secret-123", "%%%"));
    String noTime = DeererToken.encrypt("app-secret-123", "yesterday", "tly_k");
    assertThatIllegalArgumentException().isThrownBy(() -> DeererToken.decrypt("app-secret-123", noTime));
  }
}
