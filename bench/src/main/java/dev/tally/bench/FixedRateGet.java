package dev.tally.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * B5's balance read: GET /api/v1/balances/{id} at a fixed rate (wrk keeps a fixed number of
 * connections busy instead; wrk2, which keeps a rate, is not packaged). Requests leave on a
 * schedule whatever the server does, and each latency counts from when its request was due, not
 * from when it left, so a stalled server shows as latency rather than as fewer requests
 * (coordinated omission). Each of {@value #SENDERS} threads owns every {@value #SENDERS}th slot of
 * the schedule and makes blocking OkHttp calls over its own kept-alive connection, waking once per
 * request: a scheduler handing each request to a pool woke two threads per request, and on this
 * machine's 2 cores, shared with the server and its database, those wake-ups were most of the
 * tail (p99 1.8-3.2 ms where wrk with one connection saw 0.25 ms from the same warm server). Prints
 * one line:
 *
 * <pre>RESULT case=B5-balance rate=1000 seconds=10.0 requests=... achieved_per_s=... p50_ms=... p99_ms=... errors=0</pre>
 *
 * <p>Arguments: base URL ({@code http://127.0.0.1:8080}), API key, requests per second, seconds,
 * warm-up seconds, and customers ({@code c0000}...).
 */
public final class FixedRateGet {
  /**
   * Threads sending, each at most one request in flight: at 1,000 requests a second each sends
   * every 16 ms, so a server slower than that for a while shows as the latency of the requests
   * that fall due meanwhile.
   */
  private static final int SENDERS = 16;

  private FixedRateGet() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 6) {
      throw new IllegalArgumentException("usage: FixedRateGet BASE_URL API_KEY RATE SECONDS WARMUP_SECONDS CUSTOMERS");
    }
    String base = args[0];
    String key = args[1];
    int rate = Integer.parseInt(args[2]);
    double seconds = Double.parseDouble(args[3]);
    double warmup = Double.parseDouble(args[4]);
    int customers = Integer.parseInt(args[5]);
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(SENDERS, 1, TimeUnit.MINUTES))
            .callTimeout(Duration.ofSeconds(10))
            .build();
    try {
      run(client, base, key, rate, warmup, customers);
      Outcome measured = run(client, base, key, rate, seconds, customers);
      System.out.println(measured.line(rate, seconds));
    } finally {
      client.connectionPool().evictAll();
    }
  }

  private static Outcome run(
      OkHttpClient client, String base, String key, int rate, double seconds, int customers)
      throws InterruptedException {
    int total = (int) Math.round(rate * seconds);
    long[] latencies = new long[total];
    AtomicInteger errors = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    Request[] requests = new Request[customers];
    for (int customer = 0; customer < customers; customer++) {
      requests[customer] =
          new Request.Builder()
              .url(base + "/api/v1/balances/" + String.format(Locale.ROOT, "c%04d", customer))
              .header("Authorization", "Bearer " + key)
              .build();
    }
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    List<Thread> senders = new ArrayList<>(SENDERS);
    for (int sender = 0; sender < SENDERS; sender++) {
      int first = sender;
      Thread thread =
          new Thread(
                  () -> {
                    for (int slot = first; slot < total; slot += SENDERS) {
                      long due = start + slot * interval;
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        LockSupport.parkNanos(wait);
                      }
                      boolean ok;
                      try (Response response = client.newCall(requests[slot % customers]).execute()) {
                        response.body().bytes();
                        ok = response.code() == 200;
                      } catch (IOException failure) {
                        ok = false;
                      }
                      long done = System.nanoTime();
                      latencies[slot] = done - due;
                      lastDone.accumulateAndGet(done, Math::max);
                      if (!ok) {
                        errors.incrementAndGet();
                      }
                    }
                  },
              "sender-" + sender);
      thread.start();
      senders.add(thread);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    Arrays.sort(latencies);
    return new Outcome(latencies, lastDone.get() - start, errors.get());
  }

  private record Outcome(long[] sortedLatencies, long nanos, int errors) {
    String line(int rate, double seconds) {
      return String.format(
          Locale.ROOT,
          "RESULT case=B5-balance rate=%d seconds=%.1f requests=%d achieved_per_s=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d",
          rate,
          seconds,
          sortedLatencies.length,
          sortedLatencies.length / (nanos / 1e9),
          percentile(0.50) / 1e6,
          percentile(0.99) / 1e6,
          errors);
    }

    private double percentile(double fraction) {
      int rank = (int) Math.ceil(fraction * sortedLatencies.length) - 1;
      return sortedLatencies[Math.max(rank, 0)];
    }
  }
}
