package dev.tally.http;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request body whole, without a thread waiting on the client, before the API handles
 * the request: the routes then read a body that is already there, so no slow client can hold a
 * server thread. A body that arrives slower than the minimum data rate (after a one-second grace)
 * is cut with 408, one announced or grown past the size limit with 413, and a client that falls
 * silent is closed by the connector's idle timeout. Each cut is one WARN line, without a stack
 * trace: a hostile or broken client is not a server failure. Thread-safe.
 */
final class WholeBodyHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(WholeBodyHandler.class);
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long maxBodyBytes;
  private final long minBytesPerSecond;

  WholeBodyHandler(long maxBodyBytes, long minBytesPerSecond) {
    this.maxBodyBytes = maxBodyBytes;
    this.minBytesPerSecond = minBytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Handler next = getHandler();
    if (next == null) {
      return false;
    }
    long announced = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
    if (announced <= 0 && !chunked) {
      return next.handle(request, response, callback);
    }
    if (announced > maxBodyBytes) {
      tooLarge(request, response, callback);
      return true;
    }
    new Reading(next, request, response, callback).readAvailable(true);
    return true;
  }

  private void tooLarge(Request request, Response response, Callback callback) {
    Response.writeError(
        request,
        response,
        callback,
        HttpStatus.PAYLOAD_TOO_LARGE_413,
        "the request body is larger than this server accepts (" + maxBodyBytes + " bytes); nothing was changed");
  }

  /** One body being read: what arrived so far, and what to do when it is whole. */
  private final class Reading {
    private final Handler next;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Reading(Handler next, Request request, Response response, Callback callback) {
      this.next = next;
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    /**
     * Takes every chunk available now; asks to be called back when more arrives. {@code
     * firstCall} is the handler's own thread, where the API may run directly; a demand callback
     * hands the API to the server's pool instead, since it must not block there.
     */
    void readAvailable(boolean firstCall) {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          // judged when everything that has arrived is counted, however late this thread ran
          if (isTooSlow()) {
            cut();
          } else {
            request.demand(() -> readAvailable(false));
          }
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          clientFailed(chunk.getFailure());
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        // one byte past the limit is enough to know the body is too large
        byte[] copy = new byte[(int) Math.min(bytes.remaining(), maxBodyBytes + 1 - body.size())];
        bytes.get(copy);
        body.write(copy, 0, copy.length);
        boolean last = chunk.isLast();
        chunk.release();
        if (body.size() > maxBodyBytes) {
          LOG.warn("refused a request body from {} past {} bytes", address(request), maxBodyBytes);
          tooLarge(request, response, callback);
          return;
        }
        if (last) {
          if (firstCall) {
            handWhole();
          } else {
            request.getContext().execute(this::handWhole);
          }
          return;
        }
      }
    }

    private boolean isTooSlow() {
      long elapsed = NanoTime.since(request.getHeadersNanoTime()) - GRACE_NANOS;
      return elapsed > 0
          && body.size() < minBytesPerSecond * TimeUnit.NANOSECONDS.toMillis(elapsed) / 1000;
    }

    private void cut() {
      LOG.warn(
          "cut a slow client {}: {} body bytes in {} ms, below the minimum of {} bytes per second",
          address(request),
          body.size(),
          TimeUnit.NANOSECONDS.toMillis(NanoTime.since(request.getHeadersNanoTime())),
          minBytesPerSecond);
      Response.writeError(
          request,
          response,
          callback,
          HttpStatus.REQUEST_TIMEOUT_408,
          "the request body arrived slower than " + minBytesPerSecond
              + " bytes per second; nothing was changed");
    }

    /** The client closed, or fell silent until the idle timeout: nobody is left to answer. */
    private void clientFailed(Throwable failure) {
      LOG.warn(
          "dropped a request from {} after {} body bytes: {}",
          address(request),
          body.size(),
          failure.getClass().getSimpleName()
              + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")"));
      callback.failed(failure);
    }

    private void handWhole() {
      Request whole = new WholeBodyRequest(request, ByteBuffer.wrap(body.toByteArray()));
      try {
        if (!next.handle(whole, response, callback)) {
          Response.writeError(whole, response, callback, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable failure) {
        Response.writeError(whole, response, callback, failure);
      }
    }
  }

  private static String address(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
  }

  /** The request with its body already read: one last chunk, then the end. */
  private static final class WholeBodyRequest extends Request.Wrapper {
    private final AtomicReference<Content.Chunk> body;

    WholeBodyRequest(Request wrapped, ByteBuffer body) {
      super(wrapped);
      this.body = new AtomicReference<>(Content.Chunk.from(body, true));
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk whole = body.getAndSet(null);
      return whole != null ? whole : Content.Chunk.EOF;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
