package dev.tally.persistence.jdbi.schema;

import static dev.tally.persistence.jdbi.schema.RawJdbc.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Reference;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.TransactionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UserId;
import dev.tally.core.model.Violation;
import dev.tally.core.model.Violation.Rule;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.service.CoreSettings;
import dev.tally.core.service.TallyCore;
import dev.tally.core.testing.FakeClock;
import dev.tally.core.testing.SequentialIds;
import dev.tally.persistence.jdbi.JdbiStorage;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database written while the ledger was chained per account (schema V4: every leg numbered and
 * hashed on its own account's chain, the reseller's revenue chain shared by all its customers)
 * migrated to chains per customer (V5): the old chains verify as they were, new uses continue each
 * customer's old chain and leave the revenue chain closed, and a removed or changed leg, old or
 * new, is still found.
 */
abstract class ChainsPerCustomerUpgradeScenarios {
  private static final Instant WRITTEN = Instant.parse("2026-03-01T00:00:00Z");
  private static final LocalDate BIZ_DATE = LocalDate.of(2026, 3, 1);
  private static final String REVENUE = "revenue:reseller-1";

  abstract TestDatabase database();

  @Test
  void perAccountChainsStayValidAndNewUsesGoIntoEachCustomersChain() throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(database())) {
      DataSource dataSource = scratch.dataSource();
      JdbiStorage storage = JdbiStorage.create(dataSource);
      Flyway atV4 =
          Flyway.configure()
              .configuration(JdbiStorage.flywayFor(dataSource, storage.dialect()).getConfiguration())
              .target("4")
              .load();
      assertThat(atV4.migrate().migrationsExecuted).isEqualTo(4);
      writePerAccountLedger(dataSource);

      int ran = storage.migrate();

      assertThat(ran).as("V5 and any later migration").isPositive();
      assertThat(count(dataSource, "SELECT COUNT(*) FROM accounting_records")).isEqualTo(10);
      assertThat(count(dataSource, "SELECT COUNT(*) FROM accounting_records WHERE chain = account"))
          .as("every old leg stays in its own account's chain")
          .isEqualTo(10);
      TallyCore core =
          new TallyCore(
              storage.unitOfWork(),
              new FakeClock(WRITTEN.plusSeconds(3600)),
              new SequentialIds("upgraded"),
              CoreSettings.DEFAULTS);
      assertThat(core.ledger().verify().violations()).as("verify after the migration").isEmpty();

      UsageRecord acmeUse = use(core, "acme", "acme-after-upgrade");
      use(core, "beta", "beta-after-upgrade");

      assertThat(core.ledger().verify().violations()).as("verify after new uses").isEmpty();
      assertThat(core.balances().balance(OrgId.of("acme")).balance().amount())
          .isEqualByComparingTo("8");
      assertThat(core.balances().balance(OrgId.of("acme")).ledgerSequence())
          .as("acme's new PAY leg continues its old chain of two legs")
          .isEqualTo(3);
      List<LedgerEntry> acmeLegs =
          core.ledger().transactionsFor(Reference.usage(acmeUse.id())).stream()
              .flatMap(transaction -> transaction.legs().stream())
              .toList();
      assertThat(acmeLegs)
          .extracting(leg -> leg.account().toString(), leg -> leg.chain().toString(), LedgerEntry::sequence)
          .containsExactly(
              tuple("customer:acme", "customer:acme", 3L),
              tuple(REVENUE, "customer:acme", 4L),
              tuple("cost:reseller-1", "customer:acme", 5L),
              tuple("payable:supplier-1", "customer:acme", 6L));
      assertThat(
              core.ledger()
                  .records(LedgerQuery.forAccount(AccountId.parse(REVENUE)), PageRequest.first(10))
                  .items())
          .as("the revenue account, newest first: two new legs, then its closed old chain")
          .extracting(leg -> leg.chain().toString(), LedgerEntry::sequence)
          .containsExactly(
              tuple("customer:beta", 4L),
              tuple("customer:acme", 4L),
              tuple(REVENUE, 2L),
              tuple(REVENUE, 1L));
      assertThat(count(dataSource, "SELECT last_seq FROM ledger_head WHERE account = '" + REVENUE + "'"))
          .as("the old revenue chain is closed where it was")
          .isEqualTo(2);

      execute(
          dataSource,
          "DELETE FROM accounting_records WHERE chain = 'customer:acme' AND seq = 4",
          "UPDATE accounting_records SET amount = 5 WHERE chain = '" + REVENUE + "' AND seq = 1");

      assertThat(core.ledger().verify().violations())
          .as("a removed new revenue leg, and a changed old one")
          .extracting(Violation::rule, Violation::subject)
          .containsExactlyInAnyOrder(
              tuple(Rule.BROKEN_CHAIN, "customer:acme#5"),
              tuple(Rule.BROKEN_CHAIN, "customer:acme#5"),
              tuple(Rule.UNBALANCED_TRANSACTION, acmeLegs.get(0).transactionId().value()),
              tuple(Rule.BROKEN_CHAIN, REVENUE + "#1"),
              tuple(Rule.UNBALANCED_TRANSACTION, "tx-3"));
      System.out.printf(
          Locale.ROOT,
          "[schema] %-10s | V4 ledger chained per account migrated to chains per customer: verify"
              + " clean before and after new uses, a removed and a changed leg found%n",
          database());
    }
  }

  private static UsageRecord use(TallyCore core, String org, String sourceRef) {
    return core.metering()
        .use(
            UseCommand.builder(ProductId.of("prod-1"), UserId.of("alice"), OrgId.of(org))
                .resourceId(ProductResourceId.of("res-1"))
                .used(Quantity.of(1000, Unit.TOKEN))
                .sourceRef(SourceRef.of("chat_request", sourceRef))
                .build())
        .usage();
  }

  /**
   * acme and beta, two customers of reseller-1, recharged 10 each and used 1.0 each (acme's use
   * cost 0.5 from supplier-1): the rows, and the ledger numbered and hashed per account, as Tally
   * wrote it before chains per customer.
   */
  private static void writePerAccountLedger(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      insert(connection, "INSERT INTO supplier (org_id, supplier_name, status, created_at) VALUES (?, ?, ?, ?)",
          "supplier-1", "Supplier one", "active", WRITTEN);
      insert(connection, "INSERT INTO product (id, product_name, owner_org_id, description, status, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          "prod-1", "Chat", "reseller-1", "", "published", WRITTEN);
      insert(connection, "INSERT INTO product_resource (id, product_id, resource_type, resource_ref_id,"
              + " billing_mode, used_unit, unit_price, currency, pricing_program_id, min_balance,"
              + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "res-1", "prod-1", "llm", "model-1", "1", "token", new BigDecimal("0.001"), "CNY",
          null, null, "active", WRITTEN);
      insert(connection, "INSERT INTO product_resource_supplier (product_resource_id, supplier_org_id,"
              + " unit_cost, currency, priority, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          "res-1", "supplier-1", new BigDecimal("0.0005"), "CNY", 0, "active", WRITTEN);
      usageRow(connection, "use-a", "acme", "supplier-1", "0.500000");
      usageRow(connection, "use-b", "beta", null, "0");

      PerAccountLedger ledger = new PerAccountLedger(connection);
      ledger.transfer("tx-1", Operation.RECHARGE, "recharge:r-1", "cash:platform", "customer:acme", "10", "10");
      ledger.transfer("tx-2", Operation.RECHARGE, "recharge:r-2", "cash:platform", "customer:beta", "10", "10");
      ledger.transfer("tx-3", Operation.PAY, "usage:use-a", "customer:acme", REVENUE, "1", "9");
      ledger.transfer("tx-4", Operation.PAY_COST, "usage:use-a", "cost:reseller-1", "payable:supplier-1", "0.5", null);
      ledger.transfer("tx-5", Operation.PAY, "usage:use-b", "customer:beta", REVENUE, "1", "9");
      ledger.writeHeads();
      for (String org : List.of("acme", "beta")) {
        insert(connection, "INSERT INTO customer_balance (id, balance, currency, credit_limit,"
                + " last_recharge, last_consumption, status, sync_version, cached_at, held_amount)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            org, new BigDecimal("9"), "CNY", BigDecimal.ZERO, WRITTEN, WRITTEN, "active", "2",
            WRITTEN, BigDecimal.ZERO);
      }
      connection.commit();
    }
  }

  private static void usageRow(
      Connection connection, String id, String org, String supplier, String totalCost)
      throws SQLException {
    insert(connection, "INSERT INTO product_usage_log (id, product_id, subscription_id, user_id,"
            + " user_org_id, product_resource_id, supplier_org_id, resource_type, resource_ref_id,"
            + " used_amount, used_unit, unit_cost, total_cost, sell_price, billing_mode,"
            + " source_ref_table, source_ref_id, use_time, created_at, in_quota_amount,"
            + " overage_amount, currency, cost_currency, biz_date, request_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, "prod-1", null, "alice", org, "res-1", supplier, "llm", "model-1",
        new BigDecimal("1000.0000"), "token", supplier == null ? null : new BigDecimal("0.0005"),
        new BigDecimal(totalCost), new BigDecimal("1.000000"), "1", "chat_request", "before-" + id,
        WRITTEN, WRITTEN, BigDecimal.ZERO, BigDecimal.ZERO, "CNY", "CNY", BIZ_DATE, "fingerprint");
  }

  /** Legs numbered and hash-chained per account, with the hash formula legs still have. */
  private static final class PerAccountLedger {
    private final Connection connection;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();
    private final List<String> accounts = new ArrayList<>();

    PerAccountLedger(Connection connection) {
      this.connection = connection;
    }

    /** Moves {@code amount} from one account to another; a customer leg carries its balance. */
    void transfer(
        String transaction,
        Operation operation,
        String reference,
        String from,
        String to,
        String amount,
        String customerBalanceAfter)
        throws SQLException {
      leg(transaction, 1, operation, reference, from, new BigDecimal(amount).negate(), customerBalanceAfter);
      leg(transaction, 2, operation, reference, to, new BigDecimal(amount), customerBalanceAfter);
    }

    private void leg(
        String transaction,
        int legNo,
        Operation operation,
        String reference,
        String account,
        BigDecimal amount,
        String customerBalanceAfter)
        throws SQLException {
      AccountId accountId = AccountId.parse(account);
      LedgerAmount legAmount = new LedgerAmount(amount.setScale(6), Currency.CNY);
      Optional<Money> balanceAfter =
          accountId.isCustomer()
              ? Optional.of(Money.of(customerBalanceAfter, Currency.CNY))
              : Optional.empty();
      long sequence = sequences.merge(account, 1L, Long::sum);
      String previous = hashes.getOrDefault(account, LedgerEntry.GENESIS_HASH);
      String memo = operation.code().toLowerCase(Locale.ROOT);
      String[] ref = reference.split(":", 2);
      String hash =
          LedgerEntry.hashOf(
              TransactionId.of(transaction), operation, accountId, sequence, legAmount,
              balanceAfter, new Reference(ref[0], ref[1]), memo, WRITTEN, BIZ_DATE, previous);
      insert(connection, "INSERT INTO accounting_records (account, seq, transaction_id, leg_no,"
              + " operation, amount, currency, balance_after, ref_type, ref_id, memo, created_at,"
              + " biz_date, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          account, sequence, transaction, legNo, operation.code(), legAmount.amount(), "CNY",
          balanceAfter.map(Money::amount).orElse(null), ref[0], ref[1], memo, WRITTEN, BIZ_DATE,
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

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(DataSource dataSource, String... statements) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.executeUpdate(sql);
      }
    }
  }
}
