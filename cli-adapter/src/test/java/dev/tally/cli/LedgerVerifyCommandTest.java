package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally ledger verify} on a ledger broken behind Tally's back, with SQL. */
class LedgerVerifyCommandTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void demo() throws Exception {
    cli = Cli.in(dir);
    cli.tally("demo").succeeded();
    assertThat(cli.tally("ledger", "verify").succeeded().out()).startsWith("ledger OK");
  }

  private void sql(String statement) throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("tally") + ";WRITE_DELAY=0", "sa", "");
        Statement update = connection.createStatement()) {
      assertThat(update.executeUpdate(statement)).as(statement).isPositive();
    }
  }

  @Test
  void aBalanceChangedWithSqlIsReportedAndExits11() throws Exception {
    sql("UPDATE customer_balance SET balance = balance + 1 WHERE id = 'acme'");

    Cli.Result verify = cli.tally("ledger", "verify");

    assertThat(verify.status()).isEqualTo(11);
    assertThat(verify.out()).startsWith("ledger BROKEN: ").contains("balance_mismatch", "acme");
    assertThat(verify.err()).isEmpty();
  }

  @Test
  void aLegAmountChangedWithSqlBreaksTheSumAndTheHashChain() throws Exception {
    sql("UPDATE accounting_records SET amount = amount + 5 WHERE account = 'customer:globex' AND operation = 'RECHARGE'");

    Cli.Result verify = cli.tally("ledger", "verify", "--json");

    assertThat(verify.status()).isEqualTo(11);
    JsonNode report = new ObjectMapper().readTree(verify.out());
    assertThat(report.path("clean").asBoolean()).isFalse();
    assertThat(report.path("violations").findValuesAsText("rule"))
        .contains("unbalanced_transaction", "broken_chain");
    assertThat(cli.tally("ledger", "verify", "--csv").out()).startsWith("rule,subject,detail\n");
  }
}
