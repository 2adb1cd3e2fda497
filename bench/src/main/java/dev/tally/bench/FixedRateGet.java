package dev.tally.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * B5's balance read: GET /api/v1/balances/{id} at a fixed rate (wrk keeps a fixed number of
 * connections busy instead; wrk2, which keeps a rate, is not packaged). Requests leave on a
 * schedule whatever the server does, and each latency counts from when its request was due, not
 * from when it left, so a stalled server shows as latency rather than as fewer requests
 * (coordinated omission). Prints one line:
 *
 * <pre>RESULT case=B5-balance rate=1000 seconds=10.0 requests=... achieved_per_s=... p50_ms=... p99_ms=... errors=0</pre>
 *
 * <p>Arguments: base URL ({@code http://127.0.0.1:8080}), API key, requests per second, seconds,
 * warm-up seconds, and customers ({@code c0000}...).
 */
public final class FixedRateGet {
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
    ExecutorService callbacks = Executors.newFixedThreadPool(4);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(callbacks)
            .build();
    try {
      run(client, base, key, rate, warmup, customers);
      Outcome measured = run(client, base, key, rate, seconds, customers);
      System.out.println(measured.line(rate, seconds));
    } finally {
      callbacks.shutdownNow();
    }
  }

  private static Outcome run(HttpClient client, String base, String key, int rate, double seconds, int customers)
      throws InterruptedException {
    int total = (int) Math.round(rate * seconds);
    long[] latencies = new long[total];
    AtomicInteger errors = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    CompletableFuture<?>[] calls = new CompletableFuture<?>[total];
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    for (int index = 0; index < total; index++) {
      long due = start + index * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/balances/" + String.format("c%04d", index % customers)))
              .header("Authorization", "Bearer " + key)
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build();
      int slot = index;
      calls[index] =
          client
              .sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .handle(
                  (response, failure) -> {
                    long done = System.nanoTime();
                    latencies[slot] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                    if (failure != null || response.statusCode() != 200) {
                      errors.incrementAndGet();
                    }
                    return null;
                  });
    }
    CompletableFuture.allOf(calls).join();
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
