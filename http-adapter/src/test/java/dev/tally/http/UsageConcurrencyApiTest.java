package dev.tally.http;

import static dev.tally.http.MeteringSetup.useJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.UsageQuery;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many concurrent {@code POST /usage} over the socket on one customer whose balance and credit
 * cover only some of them: none may overdraw, and the ledger must stay sound.
 */
class UsageConcurrencyApiTest {
  private static final int THREADS = 16;
  private static final int REQUESTS_EACH = 50;

  @RegisterExtension final ApiServer api = new ApiServer();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentUsesNeverOverdrawTheCustomer() throws Exception {
    MeteringSetup setup = new MeteringSetup(api.core());
    ProductResource llm = setup.payPerUse("0.01", "0.004");
    setup.recharged("acme", "300").creditLimit("acme", "50");
    BigDecimal price = new BigDecimal("1.0000"); // 100 tokens x 0.01
    BigDecimal before = setup.balance("acme").balance().amount();
    HttpApi service = api.asService();
    AtomicInteger accepted = new AtomicInteger();
    ConcurrentHashMap<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < REQUESTS_EACH; i++) {
                    Reply reply =
                        service.post(
                            "/api/v1/usage", useJson(llm, "acme", "100", "t" + thread + "-" + i));
                    if (reply.status() == 201) {
                      accepted.incrementAndGet();
                    } else {
                      refusals
                          .computeIfAbsent(
                              reply.status() + " " + reply.code(), k -> new AtomicInteger())
                          .incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    CustomerBalance after = setup.balance("acme");
    int total = THREADS * REQUESTS_EACH;
    assertThat(refusals.keySet())
        .as("every refusal is 402 insufficient_balance")
        .allMatch(key -> key.equals("402 insufficient_balance"));
    int refused = refusals.values().stream().mapToInt(AtomicInteger::get).sum();
    assertThat(accepted.get() + refused).isEqualTo(total);
    assertThat(before.subtract(after.balance().amount()))
        .as("the balance dropped by exactly what was accepted")
        .isEqualByComparingTo(price.multiply(BigDecimal.valueOf(accepted.get())));
    assertThat(after.balance().amount()).isGreaterThanOrEqualTo(new BigDecimal("-50"));
    assertThat(accepted.get()).as("balance and credit cover exactly 350 uses").isEqualTo(350);
    assertThat(refused).isPositive();
    assertThat(api.core().metering().usage(UsageQuery.ALL, PageRequest.first(1)).total())
        .isEqualTo(accepted.get());
    assertThat(api.core().ledger().verify().violations()).isEmpty();
  }
}
