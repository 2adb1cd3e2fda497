package dev.tally.cli.torture;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The clients: {@code threads} threads that each pick an operation, a customer (half the time one
 * of a few hot customers) and a server at random, send it, and check the answer against what the
 * API promises for that operation, until the run has sent its number of requests. Every answer that
 * is not one the operation may get is recorded as unexpected; every accepted change of money is
 * recorded for the audit.
 */
final class TortureWorkload {
  /** The operations and their weights (how often each is picked, out of their sum). */
  enum Operation {
    USE_PAY_PER_USE(60),
    USE_QUOTA(20),
    USE_OVERAGE(20),
    USE_ON_BOTH_SERVERS_AT_ONCE(8),
    RETRY_SAME_BODY(12),
    RETRY_CHANGED_BODY(6),
    HOLD(12),
    SETTLE(8),
    VOID(4),
    SHORT_HOLD(2),
    SETTLE_EXPIRED(2),
    RECHARGE(8),
    RECHARGE_AGAIN(2),
    RECHARGE_CHANGED(1),
    ADJUST(4),
    CREDIT_LIMIT(2),
    SUSPEND_CUSTOMER(1),
    RENEW(2),
    CANCEL_AND_SUBSCRIBE(1),
    SUSPEND_SUBSCRIPTION(1),
    OVERAGE_TERMS(1),
    READ_BALANCE(4),
    READ_SUBSCRIPTION(2),
    CHECK_QUOTA(2);

    final int weight;

    Operation(int weight) {
      this.weight = weight;
    }
  }

  private static final int HOT_CUSTOMERS = 4;

  /** Long enough that a hold waiting in the queue is open when a client settles it. */
  private static final int LONG_TTL_SECONDS = 86_400;

  private static final int RECENT = 8192;
  private static final Set<String> USE_REFUSALS =
      Set.of(
          "insufficient_balance",
          "quota_exceeded",
          "customer_suspended",
          "no_subscription",
          "subscription_inactive");
  private static final Set<String> PAY_PER_USE_REFUSALS =
      Set.of("insufficient_balance", "customer_suspended");

  private record OpenHold(String id, String org, BigDecimal amount, Instant expiresAt) {}

  private record Recharge(String org, String reference, BigDecimal amount) {}

  private final TortureSettings settings;
  private final List<String> servers;
  private final TortureHttp http;
  private final ClientRecord record;
  private final TortureCatalogue catalogue;
  private final String sourceTable;
  private final Operation[] byWeight;
  private final AtomicLong sent = new AtomicLong();
  private final ConcurrentLinkedQueue<OpenHold> openHolds = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<OpenHold> shortHolds = new ConcurrentLinkedQueue<>();
  private final AtomicReferenceArray<String> recentRefs = new AtomicReferenceArray<>(RECENT);
  private final AtomicLong acceptedRefs = new AtomicLong();
  private final AtomicReferenceArray<Recharge> recentRecharges = new AtomicReferenceArray<>(RECENT);
  private final AtomicLong appliedRecharges = new AtomicLong();

  TortureWorkload(
      TortureSettings settings,
      List<String> servers,
      TortureHttp http,
      ClientRecord record,
      TortureCatalogue catalogue) {
    this.settings = settings;
    this.servers = List.copyOf(servers);
    this.http = http;
    this.record = record;
    this.catalogue = catalogue;
    this.sourceTable = sourceTable(catalogue.runId);
    List<Operation> weighted = new ArrayList<>();
    for (Operation operation : Operation.values()) {
      for (int i = 0; i < operation.weight; i++) {
        weighted.add(operation);
      }
    }
    this.byWeight = weighted.toArray(Operation[]::new);
  }

  /** The source_ref_table of a run's uses. */
  static String sourceTable(String runId) {
    return "torture-" + runId;
  }

  /**
   * Runs the threads until they have sent the run's requests, or its stop time has come; returns
   * how many were sent.
   */
  long run() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    List<Future<?>> threads = new ArrayList<>();
    for (int thread = 0; thread < settings.threads(); thread++) {
      int index = thread;
      threads.add(pool.submit(() -> work(index)));
    }
    try {
      for (Future<?> thread : threads) {
        thread.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return sent.get();
  }

  /** Requests sent so far. */
  long sent() {
    return sent.get();
  }

  private void work(int thread) {
    Client client = new Client(thread, new SplittableRandom(settings.seed() * 1_000_003L + thread));
    while (sent.get() < settings.operations() && Instant.now().isBefore(settings.stopAt())) {
      try {
        client.step();
      } catch (RuntimeException e) {
        record.unexpected("thread " + thread + ": " + e);
      }
    }
  }

  /** One client thread: its random choices and its own counter of new references. */
  private final class Client {
    private final int thread;
    private final SplittableRandom random;
    private long counter;

    Client(int thread, SplittableRandom random) {
      this.thread = thread;
      this.random = random;
    }

    void step() {
      Operation operation = byWeight[random.nextInt(byWeight.length)];
      String org = customer();
      switch (operation) {
        case USE_PAY_PER_USE -> newUse(payPerUse(org, newRef()), PAY_PER_USE_REFUSALS);
        case USE_QUOTA -> newUse(quotaUse(org, catalogue.quota, newRef()), USE_REFUSALS);
        case USE_OVERAGE -> newUse(quotaUse(org, catalogue.overage, newRef()), USE_REFUSALS);
        case USE_ON_BOTH_SERVERS_AT_ONCE -> useOnBothServersAtOnce(org);
        case RETRY_SAME_BODY -> retrySameBody(org);
        case RETRY_CHANGED_BODY -> retryChangedBody(org);
        case HOLD -> hold(org, LONG_TTL_SECONDS, openHolds);
        case SETTLE -> settle(org);
        case VOID -> voidHold(org);
        case SHORT_HOLD -> hold(org, 1, shortHolds);
        case SETTLE_EXPIRED -> settleExpired(org);
        case RECHARGE -> recharge(org);
        case RECHARGE_AGAIN -> rechargeAgain(org, false);
        case RECHARGE_CHANGED -> rechargeAgain(org, true);
        case ADJUST -> adjust(org);
        case CREDIT_LIMIT -> creditLimit(org);
        case SUSPEND_CUSTOMER -> suspendCustomer(org);
        case RENEW -> renew(org);
        case CANCEL_AND_SUBSCRIBE -> cancelAndSubscribe(org);
        case SUSPEND_SUBSCRIPTION -> suspendSubscription(org);
        case OVERAGE_TERMS -> overageTerms(org);
        case READ_BALANCE -> readBalance(org);
        case READ_SUBSCRIPTION -> readSubscription(org);
        case CHECK_QUOTA -> checkQuota(org);
      }
    }

    private String customer() {
      List<String> customers = catalogue.customers;
      int hot = Math.min(HOT_CUSTOMERS, customers.size());
      return random.nextBoolean()
          ? customers.get(random.nextInt(hot))
          : customers.get(random.nextInt(customers.size()));
    }

    private String server() {
      return servers.get(random.nextInt(servers.size()));
    }

    private String newRef() {
      return "t" + thread + "-" + counter++;
    }

    private String payPerUse(String org, String ref) {
      return useBody(
          catalogue.payPerUse, org, Integer.toString(1000 + random.nextInt(99_000)), "token", ref);
    }

    private String quotaUse(String org, String product, String ref) {
      return useBody(product, org, Integer.toString(1 + random.nextInt(5)), "call", ref);
    }

    private String useBody(String product, String org, String amount, String unit, String ref) {
      return "{\"product_id\":\""
          + product
          + "\",\"user_id\":\""
          + TortureCatalogue.USER
          + "\",\"user_org_id\":\""
          + org
          + "\",\"used_amount\":\""
          + amount
          + "\",\"used_unit\":\""
          + unit
          + "\",\"source_ref_table\":\""
          + sourceTable
          + "\",\"source_ref_id\":\""
          + ref
          + "\"}";
    }

    private TortureHttp.Reply send(
        String kind, String server, String method, String path, String body) {
      sent.incrementAndGet();
      return checked(kind, method, path, http.send(server, method, path, body));
    }

    /** Counts the answer; a 5xx or no answer at all is never one an operation may get. */
    private TortureHttp.Reply checked(
        String kind, String method, String path, TortureHttp.Reply reply) {
      record.answered(kind, reply);
      if (reply.status() == TortureHttp.NO_ANSWER || reply.status() >= 500) {
        record.unexpected(method + " " + path + " answered " + reply);
      }
      return reply;
    }

    private void unexpected(String what, TortureHttp.Reply reply) {
      record.unexpected(what + ": " + reply);
    }

    private void newUse(String body, Set<String> refusals) {
      TortureHttp.Reply reply = send("use", server(), "POST", "/usage", body);
      if (reply.status() == 201 && !reply.json().path("replayed").asBoolean()) {
        accepted(reply, body);
      } else if (reply.ok() || !refusals.contains(reply.code())) {
        unexpected("a new use " + body, reply);
      }
    }

    private void accepted(TortureHttp.Reply reply, String body) {
      String ref = reply.text("source_ref_id");
      record.accepted(
          new ClientRecord.AcceptedUse(
              ref,
              reply.text("id"),
              reply.text("user_org_id"),
              reply.json().path("subscription_id").isTextual()
                  ? reply.text("subscription_id")
                  : null,
              reply.money("sell_price"),
              reply.money("in_quota_amount"),
              reply.money("overage_amount"),
              body));
      recentRefs.set((int) (acceptedRefs.getAndIncrement() % RECENT), ref);
    }

    /**
     * The same new use sent to two servers at the same moment (a client retrying on another server
     * before the first answered): at most one of them creates the usage row, and a replay names
     * that row.
     */
    private void useOnBothServersAtOnce(String org) {
      String body = payPerUse(org, newRef());
      List<CompletableFuture<TortureHttp.Reply>> replies = new ArrayList<>();
      for (String server : List.of(servers.get(0), servers.get(servers.size() - 1))) {
        sent.incrementAndGet();
        replies.add(http.sendAsync(server, "POST", "/usage", body));
      }
      int created = 0;
      for (CompletableFuture<TortureHttp.Reply> future : replies) {
        TortureHttp.Reply reply = checked("use on both servers", "POST", "/usage", future.join());
        if (reply.status() == 201 && !reply.json().path("replayed").asBoolean()) {
          created++;
          accepted(reply, body);
        } else if (reply.status() == 200 && reply.json().path("replayed").asBoolean()) {
          accepted(reply, body);
        } else if (!PAY_PER_USE_REFUSALS.contains(reply.code())) {
          unexpected("a use sent to both servers " + body, reply);
        }
      }
      if (created > 1) {
        record.unexpected("a use sent to both servers was created " + created + " times: " + body);
      }
    }

    private ClientRecord.AcceptedUse recentAcceptedUse() {
      long accepted = acceptedRefs.get();
      if (accepted == 0) {
        return null;
      }
      String ref = recentRefs.get((int) (random.nextLong(Math.min(accepted, RECENT))));
      return ref == null ? null : record.acceptedUse(ref);
    }

    /** A client that did not see the answer sends the use again: it gets the first answer. */
    private void retrySameBody(String org) {
      ClientRecord.AcceptedUse use = recentAcceptedUse();
      if (use == null) {
        newUse(payPerUse(org, newRef()), PAY_PER_USE_REFUSALS);
        return;
      }
      TortureHttp.Reply reply = send("use retried", server(), "POST", "/usage", use.body());
      boolean sameAnswer =
          reply.status() == 200
              && reply.json().path("replayed").asBoolean()
              && reply.text("id").equals(use.usageId())
              && reply.money("sell_price").compareTo(use.sellPrice()) == 0;
      if (!sameAnswer) {
        unexpected("a retry of use " + use.usageId() + " " + use.body(), reply);
      }
    }

    /** The same source ref with another amount: refused, and nothing is charged. */
    private void retryChangedBody(String org) {
      ClientRecord.AcceptedUse use = recentAcceptedUse();
      if (use == null) {
        newUse(payPerUse(org, newRef()), PAY_PER_USE_REFUSALS);
        return;
      }
      // a leading 1 makes another amount of the same unit: 5 becomes 15
      String changed = use.body().replace("\"used_amount\":\"", "\"used_amount\":\"1");
      TortureHttp.Reply reply = send("use changed", server(), "POST", "/usage", changed);
      if (!(reply.status() == 409 && reply.code().equals("idempotency_conflict"))) {
        unexpected("a changed retry of use " + use.usageId() + " " + changed, reply);
      }
    }

    private void hold(String org, int ttlSeconds, ConcurrentLinkedQueue<OpenHold> into) {
      BigDecimal amount = cents(50 + random.nextInt(450));
      TortureHttp.Reply reply =
          send(
              "hold",
              server(),
              "POST",
              "/holds",
              "{\"user_org_id\":\""
                  + org
                  + "\",\"user_id\":\""
                  + TortureCatalogue.USER
                  + "\",\"product_id\":\""
                  + catalogue.payPerUse
                  + "\",\"amount\":\""
                  + amount
                  + "\",\"ttl_seconds\":"
                  + ttlSeconds
                  + "}");
      if (reply.status() == 201) {
        record.placed(new ClientRecord.PlacedHold(reply.text("id"), org, amount));
        into.add(
            new OpenHold(reply.text("id"), org, amount, Instant.parse(reply.text("expires_at"))));
      } else if (!PAY_PER_USE_REFUSALS.contains(reply.code())) {
        unexpected("a hold of " + amount + " for " + org, reply);
      }
    }

    /** Settles an open hold this client took from the queue: no one else closes it. */
    private void settle(String org) {
      OpenHold hold = openHolds.poll();
      if (hold == null) {
        hold(org, LONG_TTL_SECONDS, openHolds);
        return;
      }
      BigDecimal actual =
          hold.amount()
              .multiply(BigDecimal.valueOf(random.nextInt(101)))
              .movePointLeft(2)
              .setScale(6, RoundingMode.DOWN);
      TortureHttp.Reply reply =
          send(
              "settle",
              server(),
              "POST",
              "/holds/" + hold.id() + "/settle",
              "{\"amount\":\"" + actual.toPlainString() + "\"}");
      if (reply.status() == 200
          && reply.text("status").equals("settled")
          && reply.money("settled_amount").compareTo(actual) == 0) {
        record.settled(hold.id(), actual);
      } else {
        unexpected("a settle of hold " + hold.id() + " for " + actual, reply);
      }
    }

    private void voidHold(String org) {
      OpenHold hold = openHolds.poll();
      if (hold == null) {
        hold(org, LONG_TTL_SECONDS, openHolds);
        return;
      }
      TortureHttp.Reply reply =
          send("void", server(), "POST", "/holds/" + hold.id() + "/void", null);
      if (reply.status() == 200 && reply.text("status").equals("voided")) {
        record.voided(hold.id());
      } else {
        unexpected("a void of hold " + hold.id(), reply);
      }
    }

    /** A settle after the hold's expiry is refused, whether or not the expiry pass ran yet. */
    private void settleExpired(String org) {
      OpenHold hold = shortHolds.peek();
      if (hold == null
          || !Instant.now().isAfter(hold.expiresAt().plusMillis(100))
          || !shortHolds.remove(hold)) {
        readBalance(org);
        return;
      }
      TortureHttp.Reply reply =
          send(
              "settle expired",
              server(),
              "POST",
              "/holds/" + hold.id() + "/settle",
              "{\"amount\":\"0.01\"}");
      boolean refused =
          reply.status() == 409
              && (reply.code().equals("hold_expired") || reply.code().equals("hold_not_active"));
      if (!refused) {
        unexpected(
            "a settle of hold " + hold.id() + " after it expired at " + hold.expiresAt(), reply);
      }
    }

    private void recharge(String org) {
      String reference = "r" + thread + "-" + counter++;
      // a little less money comes in than uses take out, so balances reach their floor
      BigDecimal amount = cents(100 + random.nextInt(700));
      TortureHttp.Reply reply =
          send(
              "recharge",
              server(),
              "POST",
              "/balances/" + org + "/recharge",
              "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
      if (reply.status() == 200) {
        record.recharged(org, reference, amount);
        recentRecharges.set(
            (int) (appliedRecharges.getAndIncrement() % RECENT),
            new Recharge(org, reference, amount));
      } else {
        unexpected("a recharge " + reference + " of " + amount + " for " + org, reply);
      }
    }

    /**
     * A recharge sent again with its reference: with the same amount it changes nothing; with
     * another amount it is refused.
     */
    private void rechargeAgain(String org, boolean changed) {
      long applied = appliedRecharges.get();
      Recharge recharge =
          applied == 0
              ? null
              : recentRecharges.get((int) random.nextLong(Math.min(applied, RECENT)));
      if (recharge == null) {
        recharge(org);
        return;
      }
      BigDecimal amount = changed ? recharge.amount().add(BigDecimal.ONE) : recharge.amount();
      TortureHttp.Reply reply =
          send(
              changed ? "recharge changed" : "recharge again",
              server(),
              "POST",
              "/balances/" + recharge.org() + "/recharge",
              "{\"amount\":\"" + amount + "\",\"reference\":\"" + recharge.reference() + "\"}");
      boolean expected =
          changed
              ? reply.status() == 409 && reply.code().equals("idempotency_conflict")
              : reply.status() == 200;
      if (!expected) {
        unexpected(
            "recharge "
                + recharge.reference()
                + " of "
                + recharge.org()
                + " sent again with "
                + amount,
            reply);
      }
    }

    private void adjust(String org) {
      BigDecimal amount = cents(1 + random.nextInt(300));
      if (random.nextBoolean()) {
        amount = amount.negate();
      }
      TortureHttp.Reply reply =
          send(
              "adjust",
              server(),
              "POST",
              "/balances/" + org + "/adjust",
              "{\"amount\":\"" + amount + "\",\"reason\":\"torture\"}");
      if (reply.status() == 200) {
        record.adjusted(org, amount);
      } else if (!(amount.signum() < 0 && reply.code().equals("insufficient_balance"))) {
        unexpected("an adjustment of " + amount + " for " + org, reply);
      }
    }

    private void creditLimit(String org) {
      BigDecimal limit = BigDecimal.valueOf(random.nextInt(31));
      TortureHttp.Reply reply =
          send(
              "credit limit",
              server(),
              "PUT",
              "/balances/" + org + "/credit-limit",
              "{\"credit_limit\":\"" + limit + "\"}");
      if (reply.status() == 200) {
        record.creditLimit(org, limit);
      } else if (!reply.code().equals("credit_limit_too_low")) {
        unexpected("a credit limit of " + limit + " for " + org, reply);
      }
    }

    /** Suspends the customer, tries a use while it is suspended, and resumes it. */
    private void suspendCustomer(String org) {
      expectOk(
          "suspend",
          send(
              "suspend",
              server(),
              "PUT",
              "/balances/" + org + "/status",
              "{\"status\":\"suspended\"}"));
      newUse(payPerUse(org, newRef()), PAY_PER_USE_REFUSALS);
      expectOk(
          "resume",
          send(
              "resume",
              server(),
              "PUT",
              "/balances/" + org + "/status",
              "{\"status\":\"active\"}"));
    }

    private String quotaProduct() {
      return random.nextBoolean() ? catalogue.quota : catalogue.overage;
    }

    private void renew(String org) {
      String subscription = catalogue.subscription(org, quotaProduct());
      TortureHttp.Reply reply =
          send("renew", server(), "POST", "/subscriptions/" + subscription + "/renew", null);
      if (reply.status() == 200) {
        record.paidFee(org, reply.money("fee"));
      } else if (!Set.of(
              "insufficient_balance",
              "customer_suspended",
              "invalid_state",
              "subscription_inactive")
          .contains(reply.code())) {
        unexpected("a renewal of " + subscription, reply);
      }
    }

    /** Cancels the customer's quota subscription and subscribes again (paying the fee again). */
    private void cancelAndSubscribe(String org) {
      String product = catalogue.quota;
      String subscription = catalogue.subscription(org, product);
      expectOk(
          "cancel",
          send("cancel", server(), "POST", "/subscriptions/" + subscription + "/cancel", null));
      TortureHttp.Reply reply =
          send(
              "subscribe",
              server(),
              "POST",
              "/subscriptions",
              catalogue.subscribeBody(org, product));
      if (reply.status() == 201) {
        record.paidFee(org, reply.money("fee"));
        catalogue.subscribed(org, product, reply.text("id"));
      } else if (!Set.of("subscription_exists", "insufficient_balance", "customer_suspended")
          .contains(reply.code())) {
        unexpected("a new subscription of " + org + " to " + product, reply);
      }
    }

    /** Suspends a subscription, tries a use under it, and resumes it. */
    private void suspendSubscription(String org) {
      String product = quotaProduct();
      String subscription = catalogue.subscription(org, product);
      TortureHttp.Reply suspended =
          send(
              "suspend subscription",
              server(),
              "POST",
              "/subscriptions/" + subscription + "/suspend",
              null);
      if (!suspended.ok() && !suspended.code().equals("invalid_state")) {
        unexpected("a suspension of " + subscription, suspended);
      }
      newUse(quotaUse(org, product, newRef()), USE_REFUSALS);
      TortureHttp.Reply resumed =
          send(
              "resume subscription",
              server(),
              "POST",
              "/subscriptions/" + subscription + "/resume",
              null);
      if (!resumed.ok() && !resumed.code().equals("invalid_state")) {
        unexpected("a resumption of " + subscription, resumed);
      }
    }

    /** New overage terms; a cap below the overage already used this period is refused. */
    private void overageTerms(String org) {
      String subscription = catalogue.subscription(org, catalogue.overage);
      int cap = 5 + random.nextInt(11);
      TortureHttp.Reply reply =
          send(
              "overage terms",
              server(),
              "PUT",
              "/subscriptions/" + subscription + "/overage",
              "{\"allow_overage\":true,\"overage_unit_price\":\"0.03\",\"overage_cap\":\""
                  + cap
                  + "\"}");
      if (!reply.ok() && !Set.of("validation_failed", "invalid_state").contains(reply.code())) {
        unexpected("overage terms with a cap of " + cap + " for " + subscription, reply);
      }
    }

    /** A balance read from one row: never below minus its credit limit, and available adds up. */
    private void readBalance(String org) {
      TortureHttp.Reply reply = send("read balance", server(), "GET", "/balances/" + org, null);
      if (reply.status() != 200) {
        unexpected("the balance of " + org, reply);
        return;
      }
      BigDecimal balance = reply.money("balance");
      BigDecimal limit = reply.money("credit_limit");
      BigDecimal held = reply.money("held");
      boolean consistent =
          balance.add(limit).signum() >= 0
              && held.signum() >= 0
              && reply.money("available").compareTo(balance.add(limit).subtract(held)) == 0;
      if (!consistent) {
        unexpected(
            "the balance of " + org + " is below its credit limit or does not add up", reply);
      }
    }

    /** A subscription read: its quota used within its quota, its overage within its cap. */
    private void readSubscription(String org) {
      String subscription = catalogue.subscription(org, quotaProduct());
      TortureHttp.Reply reply =
          send("read subscription", server(), "GET", "/subscriptions/" + subscription, null);
      if (reply.status() != 200) {
        unexpected("subscription " + subscription, reply);
        return;
      }
      boolean withinQuota = reply.money("quota_used").compareTo(reply.money("quota_total")) <= 0;
      boolean withinCap =
          !reply.json().path("overage_cap").isTextual()
              || reply.money("overage_used").compareTo(reply.money("overage_cap")) <= 0;
      if (!withinQuota || !withinCap) {
        unexpected("subscription " + subscription + " beyond its quota or overage cap", reply);
      }
    }

    private void checkQuota(String org) {
      String subscription = catalogue.subscription(org, quotaProduct());
      expectOk(
          "check quota of " + subscription,
          send(
              "check quota",
              server(),
              "GET",
              "/subscriptions/" + subscription + "/quota?amount=3",
              null));
    }

    private void expectOk(String what, TortureHttp.Reply reply) {
      if (reply.status() != 200) {
        unexpected(what, reply);
      }
    }

    private BigDecimal cents(int cents) {
      return BigDecimal.valueOf(cents, 2);
    }
  }
}
