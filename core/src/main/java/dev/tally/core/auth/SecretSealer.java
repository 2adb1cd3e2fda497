package dev.tally.core.auth;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals app secrets for storage with the configured master key: AES-256-GCM under the SHA-256 of
 * the master key, a fresh 12-byte nonce per secret, stored as base64 of nonce and ciphertext. A
 * sealed secret opened with another master key fails (GCM authenticates it). Thread-safe; its
 * {@code toString} shows nothing of the key.
 */
public final class SecretSealer {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretSealer(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  /** A sealer under {@code masterKey}; refuses an empty key. */
  public static SecretSealer withMasterKey(String masterKey) {
    checkArgument(masterKey != null && !masterKey.isEmpty(), "the master key is empty");
    return new SecretSealer(
        Hashing.sha256().hashString(masterKey, StandardCharsets.UTF_8).asBytes());
  }

  public String seal(String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Opens a sealed secret; fails when it was sealed under another master key or altered. */
  public String open(String sealed) {
    byte[] bytes = Base64.getDecoder().decode(sealed);
    checkArgument(bytes.length > NONCE_BYTES, "sealed secret is too short");
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      return new String(
          cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a stored app secret cannot be opened: was the master key changed?", e);
    }
  }

  @Override
  public String toString() {
    return "SecretSealer[AES-256-GCM]";
  }
}
