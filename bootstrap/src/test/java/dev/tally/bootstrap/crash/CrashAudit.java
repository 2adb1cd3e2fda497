package dev.tally.bootstrap.crash;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the database after a restart, the way an auditor would, and compares it with what was
 * acknowledged. <em>Lost</em>: an acknowledged use, hold, settle or recharge that is not there as
 * acknowledged. <em>Torn</em>: a unit of work found half-written: a use without its PAY or
 * PAY_COST legs (or legs without their use), a settled hold without its PAY (or the reverse), a
 * transaction whose legs do not sum to zero, a balance that is not the sum of its legs, a held
 * amount that is not the sum of the open holds, an account whose chain head disagrees with its
 * legs.
 */
final class CrashAudit {
  record Findings(int acknowledged, List<String> lost, List<String> torn) {
    int found() {
      return acknowledged - lost.size();
    }
  }

  private record Leg(String transaction, String operation, String account, BigDecimal amount) {}

  private final Connection connection;

  CrashAudit(Connection connection) {
    this.connection = connection;
  }

  Findings audit(Acknowledged acknowledged) throws SQLException {
    List<String> lost = new ArrayList<>();
    TreeSet<String> torn = new TreeSet<>();
    Map<String, List<Leg>> legsByReference = legsByReference(torn);
    checkUses(acknowledged, legsByReference, lost, torn);
    checkHolds(acknowledged, legsByReference, lost, torn);
    checkRecharges(acknowledged, legsByReference, lost, torn);
    checkBalances(torn);
    checkChainHeads(torn);
    int count =
        acknowledged.uses.size()
            + acknowledged.holds.size()
            + acknowledged.settles.size()
            + acknowledged.recharges.size();
    return new Findings(count, List.copyOf(lost), List.copyOf(torn));
  }

  /** Every leg keyed by "ref_type:ref_id"; notes transactions that do not sum to zero. */
  private Map<String, List<Leg>> legsByReference(TreeSet<String> torn) throws SQLException {
    Map<String, List<Leg>> byReference = new HashMap<>();
    Map<String, BigDecimal> sums = new HashMap<>();
    try (ResultSet rows =
        query("SELECT transaction_id, operation, account, amount, ref_type, ref_id FROM accounting_records")) {
      while (rows.next()) {
        Leg leg =
            new Leg(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBigDecimal(4));
        byReference.computeIfAbsent(rows.getString(5) + ":" + rows.getString(6), k -> new ArrayList<>()).add(leg);
        sums.merge(leg.transaction(), leg.amount(), BigDecimal::add);
      }
    }
    sums.forEach(
        (transaction, sum) -> {
          if (sum.signum() != 0) {
            torn.add("transaction " + transaction + " sums to " + sum.toPlainString());
          }
        });
    return byReference;
  }

  private void checkUses(
      Acknowledged acknowledged,
      Map<String, List<Leg>> legs,
      List<String> lost,
      TreeSet<String> torn)
      throws SQLException {
    Map<String, String> idByRef = new HashMap<>();
    try (ResultSet rows =
        query(
            "SELECT id, source_ref_id, sell_price, total_cost, user_org_id FROM product_usage_log"
                + " WHERE source_ref_table = '" + CrashCatalogue.SOURCE_TABLE + "'")) {
      while (rows.next()) {
        String id = rows.getString(1);
        idByRef.put(rows.getString(2), id);
        List<Leg> mine = legs.getOrDefault("usage:" + id, List.of());
        String customer = "customer:" + rows.getString(5);
        checkOneTransfer(torn, "use " + id, mine, "PAY", customer, rows.getBigDecimal(3).negate());
        if (rows.getBigDecimal(4).signum() != 0) {
          checkOneTransfer(torn, "use " + id, mine, "PAY_COST", null, null);
        }
      }
    }
    legsWithoutRow(legs, "usage", Set.copyOf(idByRef.values()), torn);
    acknowledged.uses.forEach(
        (ref, usageId) -> {
          String stored = idByRef.get(ref);
          if (!usageId.equals(stored)) {
            lost.add("use " + ref + " (usage " + usageId + "): found " + stored);
          }
        });
  }

  private void checkHolds(
      Acknowledged acknowledged,
      Map<String, List<Leg>> legs,
      List<String> lost,
      TreeSet<String> torn)
      throws SQLException {
    Map<String, String> statusById = new HashMap<>();
    Map<String, BigDecimal> settledById = new HashMap<>();
    try (ResultSet rows =
        query("SELECT id, user_org_id, amount, status, settled_amount FROM balance_hold")) {
      while (rows.next()) {
        String id = rows.getString(1);
        statusById.put(id, rows.getString(4));
        BigDecimal settled = rows.getBigDecimal(5);
        settledById.put(id, settled);
        List<Leg> mine = legs.getOrDefault("hold:" + id, List.of());
        if (settled != null && settled.signum() > 0) {
          checkOneTransfer(torn, "settled hold " + id, mine, "PAY", "customer:" + rows.getString(2), settled.negate());
        } else if (!mine.isEmpty()) {
          torn.add("hold " + id + " is " + rows.getString(4) + " but has ledger legs");
        }
      }
    }
    legsWithoutRow(legs, "hold", statusById.keySet(), torn);
    acknowledged.holds.forEach(
        (id, hold) -> {
          if (!statusById.containsKey(id)) {
            lost.add("hold " + id + " of " + hold.org());
          }
        });
    acknowledged.settles.forEach(
        (id, amount) -> {
          BigDecimal settled = settledById.get(id);
          if (!"settled".equals(statusById.get(id)) || settled == null || settled.compareTo(amount) != 0) {
            lost.add("settle of hold " + id + " for " + amount + ": found " + statusById.get(id) + " " + settled);
          }
        });
  }

  /** Notes the legs that reference a {@code type} row (a use, a hold) that is not there. */
  private static void legsWithoutRow(
      Map<String, List<Leg>> legs, String type, Set<String> rows, TreeSet<String> torn) {
    legs.keySet().stream()
        .filter(reference -> reference.startsWith(type + ":"))
        .map(reference -> reference.substring(type.length() + 1))
        .filter(id -> !rows.contains(id))
        .forEach(id -> torn.add("legs of " + type + " " + id + " without its row"));
  }

  private static void checkRecharges(
      Acknowledged acknowledged, Map<String, List<Leg>> legs, List<String> lost, TreeSet<String> torn) {
    acknowledged.recharges.forEach(
        (reference, recharge) -> {
          List<Leg> mine = legs.getOrDefault("recharge:" + reference, List.of());
          if (mine.isEmpty()) {
            lost.add("recharge " + reference + " of " + recharge.org());
          } else {
            checkOneTransfer(torn, "recharge " + reference, mine, "RECHARGE", "customer:" + recharge.org(), recharge.amount());
          }
        });
  }

  /**
   * A unit of work's {@code operation} must be exactly one transaction; when {@code account} is
   * given, that transaction moves it by exactly {@code amount}.
   */
  private static void checkOneTransfer(
      TreeSet<String> torn, String subject, List<Leg> legs, String operation, String account, BigDecimal amount) {
    List<Leg> matching = legs.stream().filter(leg -> leg.operation().equals(operation)).toList();
    long transactions = matching.stream().map(Leg::transaction).distinct().count();
    if (transactions != 1) {
      torn.add(subject + " has " + transactions + " " + operation + " transactions");
      return;
    }
    if (account != null) {
      BigDecimal moved =
          matching.stream()
              .filter(leg -> leg.account().equals(account))
              .map(Leg::amount)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      if (moved.compareTo(amount) != 0) {
        torn.add(subject + " moved " + account + " by " + moved.toPlainString() + ", not " + amount.toPlainString());
      }
    }
  }

  /** Each balance is the sum of its legs; each held amount the sum of the open holds. */
  private void checkBalances(TreeSet<String> torn) throws SQLException {
    Map<String, BigDecimal> legSums = sums(
        "SELECT account, SUM(amount) FROM accounting_records WHERE account LIKE 'customer:%' GROUP BY account");
    Map<String, BigDecimal> heldSums = sums(
        "SELECT user_org_id, SUM(amount) FROM balance_hold WHERE status = 'held' GROUP BY user_org_id");
    try (ResultSet rows = query("SELECT id, balance, held_amount FROM customer_balance")) {
      while (rows.next()) {
        String org = rows.getString(1);
        BigDecimal legs = legSums.getOrDefault("customer:" + org, BigDecimal.ZERO);
        if (rows.getBigDecimal(2).compareTo(legs) != 0) {
          torn.add("balance of " + org + " is " + rows.getBigDecimal(2).toPlainString() + ", its legs sum to " + legs.toPlainString());
        }
        BigDecimal held = heldSums.getOrDefault(org, BigDecimal.ZERO);
        if (rows.getBigDecimal(3).compareTo(held) != 0) {
          torn.add("held amount of " + org + " is " + rows.getBigDecimal(3).toPlainString() + ", its open holds sum to " + held.toPlainString());
        }
      }
    }
  }

  /** Each chain's head names its last leg, and its legs are numbered 1..n. */
  private void checkChainHeads(TreeSet<String> torn) throws SQLException {
    Map<String, String> lastHash = new HashMap<>();
    Map<String, long[]> countAndMax = new HashMap<>();
    try (ResultSet rows = query("SELECT chain, seq, hash FROM accounting_records")) {
      while (rows.next()) {
        long[] stats = countAndMax.computeIfAbsent(rows.getString(1), k -> new long[2]);
        stats[0]++;
        if (rows.getLong(2) > stats[1]) {
          stats[1] = rows.getLong(2);
          lastHash.put(rows.getString(1), rows.getString(3));
        }
      }
    }
    Map<String, Boolean> headed = new HashMap<>();
    try (ResultSet rows = query("SELECT account, last_seq, last_hash FROM ledger_head")) {
      while (rows.next()) {
        String account = rows.getString(1);
        headed.put(account, true);
        long[] stats = countAndMax.getOrDefault(account, new long[2]);
        if (rows.getLong(2) != stats[1] || !Objects.equals(rows.getString(3), lastHash.get(account))) {
          torn.add("head of " + account + " is at " + rows.getLong(2) + ", its last leg at " + stats[1]);
        }
      }
    }
    countAndMax.forEach(
        (account, stats) -> {
          if (stats[0] != stats[1]) {
            torn.add(account + " has " + stats[0] + " legs numbered up to " + stats[1]);
          }
          if (!headed.containsKey(account)) {
            torn.add(account + " has legs but no chain head");
          }
        });
  }

  private Map<String, BigDecimal> sums(String sql) throws SQLException {
    Map<String, BigDecimal> sums = new HashMap<>();
    try (ResultSet rows = query(sql)) {
      while (rows.next()) {
        sums.put(rows.getString(1), rows.getBigDecimal(2));
      }
    }
    return sums;
  }

  private ResultSet query(String sql) throws SQLException {
    Statement statement = connection.createStatement();
    statement.closeOnCompletion();
    return statement.executeQuery(sql);
  }
}
