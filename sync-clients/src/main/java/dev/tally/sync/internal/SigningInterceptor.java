package dev.tally.sync.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.port.out.Clock;
import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Signs every request with one {@link RequestSigner}, taking the time from the injected clock and a
 * fresh nonce per request. Installed as a network interceptor, so that a request OkHttp sends again
 * on a new connection carries a fresh nonce, which a server's replay cache would otherwise refuse.
 * Thread-safe when the clock and the nonce supplier are.
 */
final class SigningInterceptor implements Interceptor {
  private final RequestSigner signer;
  private final Clock clock;
  private final Supplier<String> nonces;

  SigningInterceptor(RequestSigner signer, Clock clock, Supplier<String> nonces) {
    this.signer = checkNotNull(signer, "signer");
    this.clock = checkNotNull(clock, "clock");
    this.nonces = checkNotNull(nonces, "nonces");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder signed = request.newBuilder();
    signer
        .sign(request.method(), request.url(), bodyOf(request), clock.now(), nonces.get())
        .forEach(signed::header);
    return chain.proceed(signed.build());
  }

  private static byte[] bodyOf(Request request) throws IOException {
    RequestBody body = request.body();
    if (body == null) {
      return new byte[0];
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }
}
