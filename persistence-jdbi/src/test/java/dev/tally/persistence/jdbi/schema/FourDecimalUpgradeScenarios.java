package dev.tally.persistence.jdbi.schema;

import static dev.tally.persistence.jdbi.schema.RawJdbc.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.testing.FakeClock;
import dev.tally.core.testing.SequentialIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database written while money had 4 decimals (schema V2, rows as Tally wrote them then, each
 * ledger leg hashed over its balance_after at 4 decimals) migrated to 6 decimals: no value is lost,
 * {@code ledger verify} finds nothing, and a charge of 0.000057 continues the old hash chains.
 */
abstract class FourDecimalUpgradeScenarios {
  private static final Instant WRITTEN = Instant.parse("2026-03-01T00:00:00Z");
  private static final LocalDate BIZ_DATE = LocalDate.of(2026, 3, 1);
  private static final String GENESIS = "0".repeat(64);

  abstract TestDatabase database();

  @Test
  void aFourDecimalDatabaseMigratesToSixDecimalsWithoutLossAndItsLedgerVerifies() throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(database())) {
      DataSource dataSource = scratch.dataSource();
      JdbiStorage storage = JdbiStorage.create(dataSource);
      Flyway atV2 =
          Flyway.configure()
              .configuration(JdbiStorage.flywayFor(dataSource, storage.dialect()).getConfiguration())
              .target("2")
              .load();
      assertThat(atV2.migrate().migrationsExecuted).isEqualTo(2);
      writeFourDecimalData(dataSource);
      assertThat(decimalsOf(dataSource, "customer_balance", "balance")).isEqualTo(4);

      int pending =
          JdbiStorage.flywayFor(dataSource, storage.dialect()).info().pending().length;
      int ran = storage.migrate();

      assertThat(ran).as("migrations after V2, V3 among them").isEqualTo(pending).isPositive();
      for (String[] column :
          List.of(
              new String[] {"customer_balance", "balance"},
              new String[] {"customer_balance", "credit_limit"},
              new String[] {"customer_balance", "held_amount"},
              new String[] {"balance_hold", "amount"},
              new String[] {"product_subscription", "fee"},
              new String[] {"product_resource", "min_balance"},
              new String[] {"accounting_records", "balance_after"})) {
        assertThat(decimalsOf(dataSource, column[0], column[1]))
            .as("scale of %s.%s", column[0], column[1])
            .isEqualTo(6);
      }
      TallyCore core =
          new TallyCore(
              storage.unitOfWork(),
              new FakeClock(WRITTEN.plusSeconds(3600)),
              new SequentialIds("upgraded"),
              CoreSettings.DEFAULTS);
      CustomerBalance acme = core.balances().balance(OrgId.of("acme"));
      assertThat(acme.balance().amount().toPlainString()).isEqualTo("90.091400");
      assertThat(acme.creditLimit().amount().toPlainString()).isEqualTo("50.000000");
      assertThat(acme.held().amount().toPlainString()).isEqualTo("1.234500");
      assertThat(core.metering().usage(UsageId.of("use-1")).sellPrice().amount())
          .isEqualByComparingTo("0.0086");
      assertThat(core.metering().usage(UsageId.of("use-1")).customerDiscount())
          .isEqualByComparingTo("1");
      assertThat(core.ledger().verify().violations()).as("verify after the migration").isEmpty();

      // 18 tokens at 0.00000315 cost 0.0000567: charged 0.000057, where 4 decimals made it 0.0001
      UsageRecord small =
          core.metering()
              .use(
                  UseCommand.builder(ProductId.of("prod-1"), UserId.of("alice"), OrgId.of("acme"))
                      .resourceId(ProductResourceId.of("res-1"))
                      .used(Quantity.of(18, Unit.TOKEN))
                      .sourceRef(SourceRef.of("chat_request", "after-upgrade"))
                      .build())
              .usage();

      assertThat(small.sellPrice().amount().toPlainString()).isEqualTo("0.000057");
      assertThat(core.balances().balance(OrgId.of("acme")).balance().amount().toPlainString())
          .isEqualTo("90.091343");
      assertThat(core.ledger().verify().violations()).as("verify after a new charge").isEmpty();
      assertThat(core.ledger().records(LedgerQuery.ALL, PageRequest.first(50)).total())
          .as("three transactions of two legs, and the new PAY")
          .isEqualTo(8);
      System.out.printf(
          Locale.ROOT,
          "[schema] %-10s | V2 database with 4-decimal money migrated to V3: balance %s, verify"
              + " clean before and after a charge of %s%n",
          database(),
          core.balances().balance(OrgId.of("acme")).balance(),
          small.sellPrice());
    }
  }

  /**
   * acme recharged 100, paid a subscription fee of 9.9 and a use of 0.0086, and holds 1.2345: the
   * rows, and the ledger hashed as Tally hashed it while balances had 4 decimals.
   */
  private static void writeFourDecimalData(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      insert(connection, "INSERT INTO supplier (org_id, supplier_name, status, created_at) VALUES (?, ?, ?, ?)",
          "supplier-1", "Supplier one", "active", WRITTEN);
      insert(connection, "INSERT INTO product (id, product_name, owner_org_id, description, status, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          "prod-1", "Chat", "reseller-1", "", "published", WRITTEN);
      insert(connection, "INSERT INTO product (id, product_name, owner_org_id, description, status, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          "prod-2", "Search", "reseller-1", "", "published", WRITTEN);
      insert(connection, "INSERT INTO product_resource (id, product_id, resource_type, resource_ref_id,"
              + " billing_mode, used_unit, unit_price, currency, pricing_program_id, min_balance,"
              + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "res-1", "prod-1", "llm", "model-1", "1", "token", new BigDecimal("0.00000315"), "CNY",
          null, new BigDecimal("0.5000"), "active", WRITTEN);
      insert(connection, "INSERT INTO product_subscription (id, product_id, user_id, user_org_id,"
              + " billing_mode, quota_total, quota_used, quota_unit, period_start, period_end,"
              + " period_length, allow_overage, overage_unit_price, overage_cap, overage_used,"
              + " status, auto_renew, fee, currency, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "sub-1", "prod-2", "alice", "acme", "2", new BigDecimal("1000.0000"),
          new BigDecimal("0.0000"), "call", WRITTEN, WRITTEN.plusSeconds(31 * 86400L), "P1M",
          false, null, null, new BigDecimal("0.0000"), "active", false, new BigDecimal("9.9000"),
          "CNY", WRITTEN);
      insert(connection, "INSERT INTO balance_hold (id, user_org_id, user_id, product_id, amount,"
              + " currency, status, settled_amount, created_at, expires_at, closed_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "hold-1", "acme", "alice", "prod-1", new BigDecimal("1.2345"), "CNY", "held", null,
          WRITTEN, WRITTEN.plusSeconds(86400L * 365), null);
      insert(connection, "INSERT INTO product_usage_log (id, product_id, subscription_id, user_id,"
              + " user_org_id, product_resource_id, supplier_org_id, resource_type, resource_ref_id,"
              + " used_amount, used_unit, unit_cost, total_cost, sell_price, billing_mode,"
              + " source_ref_table, source_ref_id, use_time, created_at, in_quota_amount,"
              + " overage_amount, currency, cost_currency, biz_date, request_hash)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "use-1", "prod-1", null, "alice", "acme", "res-1", null, "llm", "model-1",
          new BigDecimal("1500.0000"), "token", BigDecimal.ZERO, new BigDecimal("0.000000"),
          new BigDecimal("0.008600"), "1", "chat_request", "before-upgrade", WRITTEN, WRITTEN,
          new BigDecimal("0.0000"), new BigDecimal("0.0000"), "CNY", "CNY", BIZ_DATE, "fingerprint");

      Ledger ledger = new Ledger(connection);
      ledger.transfer("tx-1", "RECHARGE", "recharge:r-1", "cash:platform", "customer:acme", "100.000000", "100.0000");
      ledger.transfer("tx-2", "SUBSCRIPTION_FEE", "subscription:sub-1", "customer:acme", "revenue:reseller-1", "9.900000", "90.1000");
      ledger.transfer("tx-3", "PAY", "usage:use-1", "customer:acme", "revenue:reseller-1", "0.008600", "90.0914");
      ledger.writeHeads();
      insert(connection, "INSERT INTO customer_balance (id, balance, currency, credit_limit,"
              + " last_recharge, last_consumption, status, sync_version, cached_at, held_amount)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "acme", new BigDecimal("90.0914"), "CNY", new BigDecimal("50.0000"), WRITTEN, WRITTEN,
          "active", "3", WRITTEN, new BigDecimal("1.2345"));
      connection.commit();
    }
  }

  /** The legs of a 4-decimal ledger, numbered per account and hashed as they were then. */
  private static final class Ledger {
    private final Connection connection;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();
    private final List<String> accounts = new ArrayList<>();

    Ledger(Connection connection) {
      this.connection = connection;
    }

    /**
     * Moves {@code amount} (6 decimals, as ledger amounts always were) from one account to another;
     * the customer's leg carries {@code balanceAfter} at 4 decimals.
     */
    void transfer(
        String transaction,
        String operation,
        String reference,
        String from,
        String to,
        String amount,
        String balanceAfter)
        throws SQLException {
      leg(transaction, 1, operation, reference, from, "-" + amount, balanceAfter);
      leg(transaction, 2, operation, reference, to, amount, balanceAfter);
    }

    private void leg(
        String transaction,
        int legNo,
        String operation,
        String reference,
        String account,
        String amount,
        String balanceAfter)
        throws SQLException {
      boolean customer = account.startsWith("customer:");
      long sequence = sequences.merge(account, 1L, Long::sum);
      String previous = hashes.getOrDefault(account, GENESIS);
      String memo = operation.toLowerCase(Locale.ROOT);
      // the canonical text of LedgerEntry.hashOf as it was while balances had 4 decimals
      String canonical =
          String.join(
              "|",
              previous,
              transaction,
              operation,
              account,
              Long.toString(sequence),
              amount,
              "CNY",
              customer ? balanceAfter : "-",
              reference,
              memo,
              WRITTEN.toString(),
              BIZ_DATE.toString());
      String hash = Hashing.sha256().hashString(canonical, StandardCharsets.UTF_8).toString();
      String[] ref = reference.split(":", 2);
      insert(connection, "INSERT INTO accounting_records (account, seq, transaction_id, leg_no,"
              + " operation, amount, currency, balance_after, ref_type, ref_id, memo, created_at,"
              + " biz_date, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          account, sequence, transaction, legNo, operation, new BigDecimal(amount), "CNY",
          customer ? new BigDecimal(balanceAfter) : null, ref[0], ref[1], memo, WRITTEN, BIZ_DATE,
          previous, hash);
      hashes.put(account, hash);
      if (!accounts.contains(account)) {
        accounts.add(account);
      }
    }

    void writeHeads() throws SQLException {
      for (String account : accounts) {
        insert(connection, "INSERT INTO ledger_head (account, last_seq, last_hash) VALUES (?, ?, ?)",
            account, sequences.get(account), hashes.get(account));
      }
    }
  }

  /** The scale the database reports for a column. */
  private static int decimalsOf(DataSource dataSource, String table, String column)
      throws SQLException {
    LiveTable live = LiveTable.read(dataSource, table);
    return live.columns().get(column).decimalDigits();
  }
}
