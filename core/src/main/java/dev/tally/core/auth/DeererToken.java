package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's app-to-app token, {@code Authorization: Deerer <app_id>-:-<base64>}: AES-256-ECB
 * with PKCS7 padding of the ISO-8859-1 text {@code "<time>:<key>"}, where {@code <time>} is epoch
 * seconds as the platform's clients send it (often fractional) and the AES key is the app secret's
 * ISO-8859-1 bytes padded with {@code *} to 32 bytes or cut to 32; standard base64. Kept
 * bug-compatible with the platform (ECB, no MAC): Tally adds a time window and the key check.
 */
public final class DeererToken {
  /** The scheme word of the Authorization header. */
  public static final String SCHEME = "Deerer";

  /** What separates the app id from the token in the header value. */
  public static final String SEPARATOR = "-:-";

  private static final int KEY_BYTES = 32;

  private DeererToken() {}

  /** What a token carries: the time it was made and the API key inside. */
  public record Contents(Instant issuedAt, String apiKey) {
    @Override
    public String toString() {
      return "DeererToken.Contents[issuedAt=" + issuedAt + "]";
    }
  }

  /** The base64 token for {@code "<time>:<apiKey>"} under {@code appSecret}. */
  public static String encrypt(String appSecret, String time, String apiKey) {
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, aesKey(appSecret));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal((time + ":" + apiKey).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available", e);
    }
  }

  /**
   * Decrypts a token; fails with {@link IllegalArgumentException} when it is not base64, does not
   * decrypt under {@code appSecret}, or does not hold {@code "<time>:<key>"}.
   */
  public static Contents decrypt(String appSecret, String token) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Deerer token is not base64", e);
    }
    String plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
      cipher.init(Cipher.DECRYPT_MODE, aesKey(appSecret));
      plain = new String(cipher.doFinal(cipherText), StandardCharsets.ISO_8859_1);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Deerer token does not decrypt under the app secret", e);
    }
    int colon = plain.indexOf(':');
    checkArgument(colon > 0 && colon < plain.length() - 1, "Deerer token is not <time>:<key>");
    return new Contents(epochSeconds(plain.substring(0, colon)), plain.substring(colon + 1));
  }

  private static Instant epochSeconds(String text) {
    checkArgument(text.matches("\\d{1,12}(\\.\\d{1,9})?"), "Deerer token time is not epoch seconds");
    BigDecimal seconds = new BigDecimal(text);
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  /** The app secret's ISO-8859-1 bytes, padded with '*' to 32 or cut to 32. */
  static SecretKeySpec aesKey(String appSecret) {
    byte[] secret = appSecret.getBytes(StandardCharsets.ISO_8859_1);
    byte[] key = Arrays.copyOf(secret, KEY_BYTES);
    for (int i = secret.length; i < KEY_BYTES; i++) {
      key[i] = '*';
    }
    return new SecretKeySpec(key, "AES");
  }
}
