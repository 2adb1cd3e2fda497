package dev.tally.cli.torture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients were told, kept to be compared with the database afterwards: every accepted use
 * (by source ref), every applied recharge, adjustment, subscription fee and settled hold, each per
 * customer; the count of answers by request kind and status; and every answer a client did not
 * expect (a 5xx, no answer, a refusal the operation cannot get, a replay that names another usage).
 * Thread-safe.
 */
final class ClientRecord {
  /** A use answered 201 (or 200 as a replay of it). */
  record AcceptedUse(
      String sourceRef,
      String usageId,
      String org,
      String subscriptionId,
      BigDecimal sellPrice,
      BigDecimal inQuota,
      BigDecimal overage,
      String body) {}

  /** A hold answered 201. */
  record PlacedHold(String id, String org, BigDecimal amount) {}

  private static final int UNEXPECTED_KEPT = 200;

  private final Map<String, AcceptedUse> uses = new ConcurrentHashMap<>();
  private final Map<String, PlacedHold> holds = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> settled = new ConcurrentHashMap<>();
  private final Map<String, Boolean> voided = new ConcurrentHashMap<>();

  /** Applied recharges by "org reference". */
  private final Map<String, BigDecimal> recharges = new ConcurrentHashMap<>();

  private final Map<String, BigDecimal> adjustments = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> fees = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> largestCreditLimits = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final AtomicLong unexpectedCount = new AtomicLong();

  /** Counts an answer of {@code kind} (e.g. "use") with its status and problem code. */
  void answered(String kind, TortureHttp.Reply reply) {
    String key = kind + " " + reply.status() + (reply.ok() ? "" : " " + reply.code());
    answers.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  void unexpected(String what) {
    if (unexpectedCount.incrementAndGet() <= UNEXPECTED_KEPT) {
      unexpected.add(what);
    }
  }

  /**
   * Records an accepted use; a second acceptance of the same source ref must name the same usage
   * row, or it is noted as unexpected (a ref charged twice, as the clients saw it).
   */
  void accepted(AcceptedUse use) {
    AcceptedUse before = uses.putIfAbsent(use.sourceRef(), use);
    if (before != null && !before.usageId().equals(use.usageId())) {
      unexpected(
          "source ref "
              + use.sourceRef()
              + " accepted as usage "
              + before.usageId()
              + " and as usage "
              + use.usageId());
    }
  }

  AcceptedUse acceptedUse(String sourceRef) {
    return uses.get(sourceRef);
  }

  void placed(PlacedHold hold) {
    holds.put(hold.id(), hold);
  }

  void settled(String holdId, BigDecimal amount) {
    if (settled.put(holdId, amount) != null) {
      unexpected("hold " + holdId + " settled twice");
    }
  }

  void voided(String holdId) {
    voided.put(holdId, true);
  }

  /** Records a recharge that was applied (its reference seen for the first time). */
  void recharged(String org, String reference, BigDecimal amount) {
    recharges.put(org + " " + reference, amount);
  }

  void adjusted(String org, BigDecimal amount) {
    adjustments.merge(org, amount, BigDecimal::add);
  }

  void paidFee(String org, BigDecimal fee) {
    fees.merge(org, fee, BigDecimal::add);
  }

  /** Records a credit limit that was set (answered 200). */
  void creditLimit(String org, BigDecimal limit) {
    largestCreditLimits.merge(org, limit, BigDecimal::max);
  }

  Map<String, AcceptedUse> uses() {
    return Map.copyOf(uses);
  }

  Map<String, PlacedHold> holds() {
    return Map.copyOf(holds);
  }

  Map<String, BigDecimal> settledHolds() {
    return Map.copyOf(settled);
  }

  boolean isVoided(String holdId) {
    return voided.containsKey(holdId);
  }

  /** Applied recharges, by org then reference. */
  Map<String, Map<String, BigDecimal>> recharges() {
    Map<String, Map<String, BigDecimal>> byOrg = new TreeMap<>();
    recharges.forEach(
        (key, amount) -> {
          String[] orgAndReference = key.split(" ", 2);
          byOrg
              .computeIfAbsent(orgAndReference[0], k -> new TreeMap<>())
              .put(orgAndReference[1], amount);
        });
    return byOrg;
  }

  Map<String, BigDecimal> adjustments() {
    return Map.copyOf(adjustments);
  }

  Map<String, BigDecimal> fees() {
    return Map.copyOf(fees);
  }

  /** The largest credit limit each customer had at any time. */
  Map<String, BigDecimal> largestCreditLimits() {
    return Map.copyOf(largestCreditLimits);
  }

  /** Answers by "kind status [code]", sorted. */
  Map<String, Long> answers() {
    Map<String, Long> counts = new TreeMap<>();
    answers.forEach((key, count) -> counts.put(key, count.sum()));
    return counts;
  }

  long unexpectedCount() {
    return unexpectedCount.get();
  }

  /** The first unexpected answers (at most {@value #UNEXPECTED_KEPT}). */
  List<String> unexpectedAnswers() {
    return new ArrayList<>(unexpected);
  }
}
