package dev.tally.cli.torture;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the database after a run, as an auditor would, and holds it against each promise and
 * against the clients' record of what they were told. Each promise gets its findings (empty when
 * kept); the count of what was checked is kept beside them. Only the run's customers and uses are
 * read, so runs can share a database.
 */
final class TortureAudit {
  /** The promises checked, in the order reported. */
  static final String EVERY_ACCEPTED_USE_ONCE = "every 2xx use present exactly once, as answered";

  static final String NO_REF_CHARGED_TWICE = "no source ref charged twice";
  static final String CHARGES_EQUAL_MOVEMENT =
      "per customer, accepted charges equal the balance movement";
  static final String NO_OVERDRAFT = "no balance below minus its credit limit";
  static final String QUOTA_WITHIN_TOTAL =
      "quota_used <= quota_total, and equals the period's uses";
  static final String OVERAGE_WITHIN_CAP =
      "overage_used <= overage_cap, and equals the period's uses";
  static final String HOLDS_AS_ANSWERED =
      "holds settled, voided and expired as answered; held = open holds";

  private static final int KEPT = 20;

  /** Findings per promise, and how many things each promise was checked on. */
  record Findings(Map<String, List<String>> byPromise, Map<String, Long> checked) {
    boolean clean() {
      return byPromise.values().stream().allMatch(List::isEmpty);
    }
  }

  /** A customer's balance row: its balance, credit limit and held amount. */
  private record BalanceRow(BigDecimal balance, BigDecimal creditLimit, BigDecimal held) {}

  private record UsageRow(
      String id,
      String org,
      String subscriptionId,
      BigDecimal sellPrice,
      BigDecimal inQuota,
      BigDecimal overage,
      Instant useTime) {}

  private final Connection connection;
  private final Map<String, List<String>> findings = new LinkedHashMap<>();
  private final Map<String, Long> checked = new LinkedHashMap<>();

  private TortureAudit(Connection connection) {
    this.connection = connection;
    for (String promise :
        List.of(
            EVERY_ACCEPTED_USE_ONCE,
            NO_REF_CHARGED_TWICE,
            CHARGES_EQUAL_MOVEMENT,
            NO_OVERDRAFT,
            QUOTA_WITHIN_TOTAL,
            OVERAGE_WITHIN_CAP,
            HOLDS_AS_ANSWERED)) {
      findings.put(promise, new ArrayList<>());
      checked.put(promise, 0L);
    }
  }

  /**
   * Audits a run whose servers stopped at {@code serversStopped} (after which no server expires
   * holds any more).
   */
  static Findings audit(
      TortureSettings settings,
      TortureCatalogue catalogue,
      ClientRecord record,
      Instant serversStopped)
      throws SQLException {
    try (Connection connection =
        DriverManager.getConnection(
            settings.databaseUrlOf(0),
            settings.database().user(),
            settings.database().password())) {
      TortureAudit audit = new TortureAudit(connection);
      Map<String, UsageRow> uses = audit.usesByRef(TortureWorkload.sourceTable(catalogue.runId));
      audit.checkUses(uses, record);
      audit.checkPays(uses);
      audit.checkMoney(catalogue, uses, record);
      audit.checkSubscriptions(catalogue, uses);
      audit.checkHolds(catalogue, record, serversStopped);
      return new Findings(audit.findings, audit.checked);
    }
  }

  private void found(String promise, String finding) {
    List<String> list = findings.get(promise);
    if (list.size() < KEPT) {
      list.add(finding);
    } else if (list.size() == KEPT) {
      list.add("... (more)");
    }
  }

  private void counted(String promise, long count) {
    checked.merge(promise, count, Long::sum);
  }

  private Map<String, UsageRow> usesByRef(String sourceTable) throws SQLException {
    Map<String, UsageRow> uses = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT source_ref_id, id, user_org_id, subscription_id, sell_price, in_quota_amount,"
                + " overage_amount, use_time FROM product_usage_log WHERE source_ref_table = ?")) {
      statement.setString(1, sourceTable);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          UsageRow row =
              new UsageRow(
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getBigDecimal(5),
                  rows.getBigDecimal(6),
                  rows.getBigDecimal(7),
                  rows.getTimestamp(8).toInstant());
          if (uses.put(rows.getString(1), row) != null) {
            found(NO_REF_CHARGED_TWICE, "source ref " + rows.getString(1) + " has two usage rows");
          }
        }
      }
    }
    return uses;
  }

  /** The database's uses are exactly the ones the clients were told were accepted. */
  private void checkUses(Map<String, UsageRow> uses, ClientRecord record) {
    Map<String, ClientRecord.AcceptedUse> accepted = record.uses();
    counted(EVERY_ACCEPTED_USE_ONCE, accepted.size());
    accepted.forEach(
        (ref, use) -> {
          UsageRow row = uses.get(ref);
          if (row == null) {
            found(
                EVERY_ACCEPTED_USE_ONCE,
                "accepted use " + ref + " (usage " + use.usageId() + ") is missing");
          } else if (!row.id().equals(use.usageId())
              || !row.org().equals(use.org())
              || !Objects.equals(row.subscriptionId(), use.subscriptionId())
              || row.sellPrice().compareTo(use.sellPrice()) != 0
              || row.inQuota().compareTo(use.inQuota()) != 0
              || row.overage().compareTo(use.overage()) != 0) {
            found(
                EVERY_ACCEPTED_USE_ONCE,
                "use " + ref + " was answered as " + use + " but stored as " + row);
          }
        });
    uses.keySet().stream()
        .filter(ref -> !accepted.containsKey(ref))
        .forEach(
            ref ->
                found(
                    EVERY_ACCEPTED_USE_ONCE,
                    "use " + ref + " is stored but no client was told it was accepted"));
  }

  /** Each stored use with a charge has exactly one PAY transaction, of its charge. */
  private void checkPays(Map<String, UsageRow> uses) throws SQLException {
    Map<String, Set<String>> transactions = new HashMap<>();
    Map<String, BigDecimal> paid = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT ref_id, transaction_id, amount FROM accounting_records WHERE operation = 'PAY'"
                + " AND ref_type = 'usage' AND account LIKE 'customer:%'")) {
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          transactions
              .computeIfAbsent(rows.getString(1), k -> new HashSet<>())
              .add(rows.getString(2));
          paid.merge(rows.getString(1), rows.getBigDecimal(3).negate(), BigDecimal::add);
        }
      }
    }
    counted(NO_REF_CHARGED_TWICE, uses.size());
    uses.forEach(
        (ref, row) -> {
          int pays = transactions.getOrDefault(row.id(), Set.of()).size();
          int expected = row.sellPrice().signum() > 0 ? 1 : 0;
          BigDecimal amount = paid.getOrDefault(row.id(), BigDecimal.ZERO);
          if (pays != expected || amount.compareTo(row.sellPrice()) != 0) {
            found(
                NO_REF_CHARGED_TWICE,
                "use "
                    + ref
                    + " (usage "
                    + row.id()
                    + ", charged "
                    + row.sellPrice()
                    + ") has "
                    + pays
                    + " PAY transaction(s) moving "
                    + amount);
          }
        });
  }

  /**
   * Per customer, the balance is what the clients were told was applied (recharges, adjustments,
   * fees, uses, settled holds), and what the stored rows say was applied; it never went below minus
   * the largest credit limit the customer ever had, at any leg of its ledger.
   */
  private void checkMoney(
      TortureCatalogue catalogue, Map<String, UsageRow> uses, ClientRecord record)
      throws SQLException {
    Map<String, BigDecimal> usedByOrg = new HashMap<>();
    uses.values().forEach(row -> usedByOrg.merge(row.org(), row.sellPrice(), BigDecimal::add));
    Map<String, BigDecimal> clientUsed = new HashMap<>();
    record
        .uses()
        .values()
        .forEach(use -> clientUsed.merge(use.org(), use.sellPrice(), BigDecimal::add));
    Map<String, BigDecimal> clientSettled = new HashMap<>();
    Map<String, ClientRecord.PlacedHold> holds = record.holds();
    record
        .settledHolds()
        .forEach((id, amount) -> clientSettled.merge(holds.get(id).org(), amount, BigDecimal::add));
    Map<String, Map<String, BigDecimal>> recharges = record.recharges();
    Map<String, BigDecimal> adjustments = record.adjustments();
    Map<String, BigDecimal> fees = record.fees();
    Map<String, BigDecimal> limits = record.largestCreditLimits();

    for (String org : catalogue.customers) {
      counted(CHARGES_EQUAL_MOVEMENT, 1);
      counted(NO_OVERDRAFT, 1);
      BigDecimal recharged =
          recharges.getOrDefault(org, Map.of()).values().stream()
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal told =
          recharged
              .add(adjustments.getOrDefault(org, BigDecimal.ZERO))
              .subtract(fees.getOrDefault(org, BigDecimal.ZERO))
              .subtract(clientUsed.getOrDefault(org, BigDecimal.ZERO))
              .subtract(clientSettled.getOrDefault(org, BigDecimal.ZERO));
      Map<String, BigDecimal> legs = customerLegsByOperation(org);
      BigDecimal stored =
          legs.getOrDefault("RECHARGE", BigDecimal.ZERO)
              .add(legs.getOrDefault("ADJUST", BigDecimal.ZERO))
              .add(legs.getOrDefault("SUBSCRIPTION_FEE", BigDecimal.ZERO))
              .subtract(usedByOrg.getOrDefault(org, BigDecimal.ZERO))
              .subtract(settledHolds(org));
      BalanceRow balance = balance(org);
      if (balance.balance().compareTo(told) != 0 || balance.balance().compareTo(stored) != 0) {
        found(
            CHARGES_EQUAL_MOVEMENT,
            org
                + ": balance "
                + balance.balance().toPlainString()
                + ", the clients' record says "
                + told.toPlainString()
                + ", the stored rows say "
                + stored.toPlainString()
                + " (legs "
                + legs
                + ")");
      }
      if (legs.getOrDefault("RECHARGE", BigDecimal.ZERO).compareTo(recharged) != 0) {
        found(
            CHARGES_EQUAL_MOVEMENT,
            org + ": recharged " + legs.get("RECHARGE") + ", the clients were told " + recharged);
      }
      BigDecimal floor = limits.getOrDefault(org, BigDecimal.ZERO).negate();
      BigDecimal covered = balance.balance().add(balance.creditLimit());
      if (covered.signum() < 0 || covered.subtract(balance.held()).signum() < 0) {
        found(NO_OVERDRAFT, org + ": " + balance);
      }
      BigDecimal lowest = lowestBalanceAfter(org);
      if (lowest != null && lowest.compareTo(floor) < 0) {
        found(
            NO_OVERDRAFT,
            org
                + ": a ledger leg left the balance at "
                + lowest
                + ", below minus the largest credit"
                + " limit it ever had ("
                + floor.negate()
                + ")");
      }
    }
  }

  private Map<String, BigDecimal> customerLegsByOperation(String org) throws SQLException {
    Map<String, BigDecimal> sums = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT operation, SUM(amount) FROM accounting_records WHERE account = ? GROUP BY"
                + " operation")) {
      statement.setString(1, "customer:" + org);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          sums.put(rows.getString(1), rows.getBigDecimal(2));
        }
      }
    }
    return sums;
  }

  private BigDecimal settledHolds(String org) throws SQLException {
    return oneDecimal(
        "SELECT COALESCE(SUM(settled_amount), 0) FROM balance_hold WHERE user_org_id = ? AND status"
            + " = 'settled'",
        org);
  }

  private BigDecimal lowestBalanceAfter(String org) throws SQLException {
    return oneDecimal(
        "SELECT MIN(balance_after) FROM accounting_records WHERE account = ?", "customer:" + org);
  }

  private BalanceRow balance(String org) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT balance, COALESCE(credit_limit, 0), held_amount FROM customer_balance WHERE id"
                + " = ?")) {
      statement.setString(1, org);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return new BalanceRow(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        return new BalanceRow(rows.getBigDecimal(1), rows.getBigDecimal(2), rows.getBigDecimal(3));
      }
    }
  }

  /**
   * Each subscription's counters are within its quota and cap, and equal the uses recorded under it
   * since its period started.
   */
  private void checkSubscriptions(TortureCatalogue catalogue, Map<String, UsageRow> uses)
      throws SQLException {
    Set<String> customers = Set.copyOf(catalogue.customers);
    Map<String, List<UsageRow>> bySubscription = new HashMap<>();
    uses.values().stream()
        .filter(use -> use.subscriptionId() != null)
        .forEach(
            use ->
                bySubscription
                    .computeIfAbsent(use.subscriptionId(), k -> new ArrayList<>())
                    .add(use));
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, user_org_id, quota_total, quota_used, overage_cap, overage_used,"
                    + " period_start FROM product_subscription");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        if (!customers.contains(rows.getString(2))) {
          continue;
        }
        String id = rows.getString(1);
        BigDecimal quotaUsed = rows.getBigDecimal(4);
        BigDecimal cap = rows.getBigDecimal(5);
        BigDecimal overageUsed = rows.getBigDecimal(6);
        Instant periodStart = rows.getTimestamp(7).toInstant();
        BigDecimal inQuota = BigDecimal.ZERO;
        BigDecimal overage = BigDecimal.ZERO;
        for (UsageRow use : bySubscription.getOrDefault(id, List.of())) {
          if (!use.useTime().isBefore(periodStart)) {
            inQuota = inQuota.add(use.inQuota());
            overage = overage.add(use.overage());
          }
        }
        counted(QUOTA_WITHIN_TOTAL, 1);
        if (quotaUsed.compareTo(rows.getBigDecimal(3)) > 0 || quotaUsed.compareTo(inQuota) != 0) {
          found(
              QUOTA_WITHIN_TOTAL,
              "subscription "
                  + id
                  + ": quota_used "
                  + quotaUsed
                  + " of "
                  + rows.getBigDecimal(3)
                  + ", its period's uses "
                  + inQuota);
        }
        counted(OVERAGE_WITHIN_CAP, 1);
        if ((cap != null && overageUsed.compareTo(cap) > 0)
            || overageUsed.compareTo(overage) != 0) {
          found(
              OVERAGE_WITHIN_CAP,
              "subscription "
                  + id
                  + ": overage_used "
                  + overageUsed
                  + " (cap "
                  + cap
                  + "), its period's uses "
                  + overage);
        }
      }
    }
  }

  /**
   * Every hold is as the clients were told (settled for its amount, voided), none was settled that
   * no client settled, none is still open that expired 30 s before the servers stopped (their
   * maintenance releases expired holds every second), and each held amount is the sum of the
   * customer's open holds.
   */
  private void checkHolds(TortureCatalogue catalogue, ClientRecord record, Instant serversStopped)
      throws SQLException {
    Map<String, ClientRecord.PlacedHold> placed = record.holds();
    Map<String, BigDecimal> settled = record.settledHolds();
    Set<String> customers = Set.copyOf(catalogue.customers);
    Map<String, BigDecimal> open = new HashMap<>();
    Instant overdue = serversStopped.minusSeconds(30);
    Set<String> stored = new HashSet<>();
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, user_org_id, amount, status, settled_amount, expires_at FROM"
                    + " balance_hold");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String org = rows.getString(2);
        if (!customers.contains(org)) {
          continue;
        }
        String id = rows.getString(1);
        stored.add(id);
        String status = rows.getString(4);
        counted(HOLDS_AS_ANSWERED, 1);
        if (settled.containsKey(id)) {
          if (!status.equals("settled") || rows.getBigDecimal(5).compareTo(settled.get(id)) != 0) {
            found(
                HOLDS_AS_ANSWERED,
                "hold "
                    + id
                    + " was settled for "
                    + settled.get(id)
                    + " but is "
                    + status
                    + " "
                    + rows.getBigDecimal(5));
          }
        } else if (status.equals("settled")) {
          found(HOLDS_AS_ANSWERED, "hold " + id + " is settled but no client settled it");
        } else if (record.isVoided(id) && !status.equals("voided")) {
          found(HOLDS_AS_ANSWERED, "hold " + id + " was voided but is " + status);
        }
        if (!placed.containsKey(id)) {
          found(
              HOLDS_AS_ANSWERED, "hold " + id + " is stored but no client was told it was placed");
        }
        Timestamp expires = rows.getTimestamp(6);
        if (status.equals("held")) {
          open.merge(org, rows.getBigDecimal(3), BigDecimal::add);
          if (expires.toInstant().isBefore(overdue)) {
            found(
                HOLDS_AS_ANSWERED,
                "hold " + id + " expired at " + expires.toInstant() + " and is still held; the"
                    + " servers stopped at " + serversStopped);
          }
        }
      }
    }
    placed.keySet().stream()
        .filter(id -> !stored.contains(id))
        .forEach(id -> found(HOLDS_AS_ANSWERED, "placed hold " + id + " is missing"));
    for (String org : catalogue.customers) {
      BigDecimal held = balance(org).held();
      BigDecimal sum = open.getOrDefault(org, BigDecimal.ZERO);
      if (held.compareTo(sum) != 0) {
        found(HOLDS_AS_ANSWERED, org + ": held " + held + ", its open holds sum to " + sum);
      }
    }
  }

  private BigDecimal oneDecimal(String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getBigDecimal(1) : null;
      }
    }
  }
}
