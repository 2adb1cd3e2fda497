package dev.tally.persistence.jdbi.concurrency;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.OrgId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reads the stored rows directly over JDBC, beside the use cases, so that the assertions do not
 * trust the code under test to count its own writes. Thread-safe.
 */
final class Tables {
  private final DataSource dataSource;

  Tables(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Rows of the usage log of {@code org}. */
  long usageRows(OrgId org) {
    return number("SELECT COUNT(*) FROM product_usage_log WHERE user_org_id = ?", org.value())
        .longValueExact();
  }

  /** The sum of a numeric column of the usage log of {@code org}. */
  BigDecimal usageTotal(String column, OrgId org) {
    return number(
        "SELECT COALESCE(SUM(" + column + "), 0) FROM product_usage_log WHERE user_org_id = ?",
        org.value());
  }

  /** Usage rows of {@code org} that have exactly one PAY transaction on its customer account. */
  long usageRowsWithOnePay(OrgId org) {
    return number(
            """
            SELECT COUNT(*) FROM (
              SELECT u.id, COUNT(DISTINCT a.transaction_id) AS pays
              FROM product_usage_log u
              LEFT JOIN accounting_records a
                ON a.ref_type = 'usage' AND a.ref_id = u.id AND a.operation = 'PAY'
                AND a.account = ?
              WHERE u.user_org_id = ?
              GROUP BY u.id) per_usage
            WHERE per_usage.pays = 1
            """,
            AccountId.customer(org).toString(),
            org.value())
        .longValueExact();
  }

  /** PAY transactions of {@code org}'s customer account that point at a use. */
  long usagePayTransactions(OrgId org) {
    return number(
            "SELECT COUNT(DISTINCT transaction_id) FROM accounting_records"
                + " WHERE operation = 'PAY' AND ref_type = 'usage' AND account = ?",
            AccountId.customer(org).toString())
        .longValueExact();
  }

  /** The sum of the amounts of {@code org}'s holds still held. */
  BigDecimal openHoldTotal(OrgId org) {
    return number(
        "SELECT COALESCE(SUM(amount), 0) FROM balance_hold WHERE user_org_id = ? AND status = ?",
        org.value(),
        "held");
  }

  private BigDecimal number(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getBigDecimal(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }
}
