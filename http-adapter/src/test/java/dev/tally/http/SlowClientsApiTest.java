package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tally.core.auth.Role;
import dev.tally.http.testing.ApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Slow clients cannot hold the server's threads. A thousand connections announce a 100,000-byte
 * body and send it one byte every few seconds (each one the server cuts is replaced at once, so a
 * thousand are open all the time) while busy threads load every core; {@code /health} answers
 * within a second throughout, and each client cut is one WARN line without a stack trace.
 */
class SlowClientsApiTest {
  private static final int SLOW_CLIENTS = 1_000;
  private static final Duration HOLD = Duration.ofSeconds(15);
  private static final Duration DRIP_EVERY = Duration.ofSeconds(3);
  private static final int DRIP_BATCH = 10;
  private static final Duration HEALTH_EVERY = Duration.ofMillis(250);

  @RegisterExtension final ApiServer api = new ApiServer();

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger bodyLog = (Logger) LoggerFactory.getLogger(WholeBodyHandler.class);
  private final Logger rootLog = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final AtomicBoolean stop = new AtomicBoolean();

  @BeforeEach
  void captureTheLog() {
    log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    log.start();
    rootLog.addAppender(log);
    // thousands of cut clients: kept from the console, counted here
    bodyLog.setAdditive(false);
    bodyLog.addAppender(log);
  }

  @AfterEach
  void restoreTheLog() {
    stop.set(true);
    bodyLog.detachAppender(log);
    bodyLog.setAdditive(true);
    rootLog.detachAppender(log);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void healthAnswersWithinASecondWhileAThousandSlowClientsDripTheirBodiesOnABusyMachine()
      throws Exception {
    String key = api.newKey(Role.SERVICE, Optional.empty());
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", api.port());
    startBusyThreads(Runtime.getRuntime().availableProcessors());

    SlowClients clients = new SlowClients(server, key);
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      clients.open();
    }
    // a cold JVM on a loaded machine spends its first burst of cuts compiling: measure after it
    for (int round = 0; round < 3 && clients.cut.get() < SLOW_CLIENTS; round++) {
      clients.dripOrReplace(DRIP_EVERY);
    }
    int cutBefore = clients.cut.get();
    List<Long> healthMillis = new CopyOnWriteArrayList<>();
    Thread prober = new Thread(() -> probeHealth(healthMillis), "health-prober");
    prober.start();
    long end = System.nanoTime() + HOLD.toNanos();
    while (System.nanoTime() < end) {
      clients.dripOrReplace(DRIP_EVERY);
    }
    stop.set(true);
    prober.join();
    clients.closeAll();

    System.out.printf(
        "slow clients: %d opened, %d cut by the server (408); health: %d probes, worst %d ms%n",
        clients.opened.get(), clients.cut.get(), healthMillis.size(),
        healthMillis.stream().mapToLong(Long::longValue).max().orElse(-1));
    assertThat(healthMillis).hasSizeGreaterThan(40).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
    assertThat(clients.cut.get() - cutBefore)
        .as("slow clients the server cut while health was probed")
        .isGreaterThanOrEqualTo(SLOW_CLIENTS);
    List<ILoggingEvent> logged = loggedSoFar();
    List<ILoggingEvent> cuts =
        logged.stream().filter(event -> event.getLoggerName().equals(WholeBodyHandler.class.getName())).toList();
    assertThat(cuts)
        .as("one WARN line per cut client")
        .hasSizeGreaterThanOrEqualTo(clients.cut.get())
        .hasSizeLessThanOrEqualTo(clients.opened.get())
        .allSatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getThrowableProxy()).isNull();
              assertThat(event.getFormattedMessage()).doesNotContain("\n").doesNotContain(key);
            });
    assertThat(logged).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
  }

  /** Jetty's threads may still log cuts: copy under the appender's own lock, which they take. */
  private List<ILoggingEvent> loggedSoFar() {
    synchronized (log) {
      return List.copyOf(log.list);
    }
  }

  private void startBusyThreads(int count) {
    for (int i = 0; i < count; i++) {
      Thread busy =
          new Thread(
              () -> {
                double sink = 0;
                while (!stop.get()) {
                  sink += Math.sqrt(sink + 1);
                }
              },
              "busy-" + i);
      busy.setDaemon(true);
      busy.start();
    }
  }

  private void probeHealth(List<Long> healthMillis) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/health")).timeout(Duration.ofSeconds(5)).build();
    boolean clientReady = false;
    while (!stop.get()) {
      long start = System.nanoTime();
      long millis;
      try {
        int status = client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
        millis = status == 200 ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) : Long.MAX_VALUE;
      } catch (IOException e) {
        millis = Long.MAX_VALUE;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      // the first request sets the JDK's client up: what is measured is the server
      if (clientReady) {
        healthMillis.add(millis);
      }
      clientReady = true;
      try {
        TimeUnit.MILLISECONDS.sleep(HEALTH_EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A thousand connections that each announce a body and send it one byte at a time. */
  private static final class SlowClients {
    private final InetSocketAddress server;
    private final byte[] head;
    private final List<SocketChannel> open = new ArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger cut = new AtomicInteger();

    SlowClients(InetSocketAddress server, String key) {
      this.server = server;
      this.head =
          ("POST /api/v1/usage HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII);
    }

    void open() throws IOException {
      open.add(connect());
    }

    private SocketChannel connect() throws IOException {
      SocketChannel channel = SocketChannel.open(server);
      channel.write(ByteBuffer.wrap(head));
      channel.configureBlocking(false);
      opened.incrementAndGet();
      return channel;
    }

    /**
     * Sends each open connection one more byte, spread over {@code round} as many clients would;
     * one the server answered or closed is replaced.
     */
    void dripOrReplace(Duration round) throws IOException, InterruptedException {
      ByteBuffer answer = ByteBuffer.allocate(64);
      int clients = open.size();
      long pause = round.toMillis() * DRIP_BATCH / clients;
      for (int i = 0; i < clients; i++) {
        if (i % DRIP_BATCH == 0) {
          TimeUnit.MILLISECONDS.sleep(pause);
        }
        SocketChannel channel = open.get(i);
        answer.clear();
        boolean ended;
        try {
          int read = channel.read(answer);
          ended = read != 0;
          if (read > 0 && new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408")) {
            cut.incrementAndGet();
          }
          if (!ended) {
            channel.write(ByteBuffer.wrap(new byte[] {' '}));
          }
        } catch (IOException e) {
          ended = true;
        }
        if (ended) {
          channel.close();
          open.set(i, connect());
        }
      }
    }

    void closeAll() {
      for (SocketChannel channel : open) {
        try {
          channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
