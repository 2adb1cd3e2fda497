package dev.tally.sync.internal;

import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One way of signing an upstream request ({@code uapi_sign}). Pure: the same request, time and
 * nonce give the same headers, so each signer has known-answer tests; the {@link
 * SigningInterceptor} supplies the time and nonce. Implementations are immutable and thread-safe.
 */
interface RequestSigner {
  /**
   * The headers to add to the request.
   *
   * @param body the request body's bytes (empty for a GET)
   * @param nonce a value never used before, for the signers that carry one
   */
  Map<String, String> sign(String method, HttpUrl url, byte[] body, Instant time, String nonce);
}
