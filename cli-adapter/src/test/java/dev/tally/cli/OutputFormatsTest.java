package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three output formats, for a list and for one thing; colour never reaches a pipe. */
class OutputFormatsTest {
  @TempDir static Path dir;
  private static Cli cli;

  @BeforeAll
  static void balances() throws Exception {
    cli = Cli.in(dir);
    cli.tally("balance", "recharge", "acme", "1234.5").succeeded();
    cli.tally("balance", "recharge", "globex", "0.000001").succeeded();
    cli.tally("balance", "credit-limit", "globex", "10").succeeded();
  }

  @Test
  void aListIsAnAlignedTableForPeople() {
    List<String> lines = cli.tally("balance", "list").succeeded().out().lines().toList();

    assertThat(lines.get(0)).startsWith("CUSTOMER ID").contains("BALANCE", "CREDIT LIMIT", "AVAILABLE");
    assertThat(lines).hasSize(3);
    // amounts are right-aligned: each ends where its heading ends
    int balanceEnd = lines.get(0).indexOf("BALANCE") + "BALANCE".length();
    assertThat(lines.get(1).substring(0, balanceEnd)).endsWith("1234.500000");
    assertThat(lines.get(2).substring(0, balanceEnd)).endsWith("0.000001");
  }

  @Test
  void aListIsAJsonArrayWithExactDecimalStrings() throws Exception {
    JsonNode list = new ObjectMapper().readTree(cli.tally("balance", "list", "--json").succeeded().out());

    assertThat(list.isArray()).isTrue();
    assertThat(list.get(0).path("balance").isTextual()).isTrue();
    assertThat(list.get(0).path("balance").asText()).isEqualTo("1234.500000");
    assertThat(list.get(1).path("available").asText()).isEqualTo("10.000001");
  }

  @Test
  void aListIsCsvWithEveryField() {
    List<String> lines = cli.tally("balance", "list", "--csv").succeeded().out().lines().toList();

    assertThat(lines.get(0))
        .isEqualTo("customer_id,balance,credit_limit,held,available,currency,status,last_recharge,last_consumption,sync_version");
    assertThat(lines.get(1)).startsWith("acme,1234.500000,0.000000,0.000000,1234.500000,CNY,active,");
  }

  @Test
  void oneThingIsLabelledLinesAJsonObjectOrOneCsvRow() throws Exception {
    Cli.Result text = cli.tally("balance", "show", "acme").succeeded();
    assertThat(text.line("balance")).isEqualTo("1234.500000");
    assertThat(text.line("last consumption")).isEqualTo("-");

    JsonNode json = new ObjectMapper().readTree(cli.tally("balance", "show", "acme", "--json").succeeded().out());
    assertThat(json.path("customer_id").asText()).isEqualTo("acme");
    assertThat(json.path("last_consumption").isNull()).isTrue();

    assertThat(cli.tally("balance", "show", "acme", "--csv").succeeded().out().lines()).hasSize(2);
  }

  @Test
  void jsonAndCsvTogetherAreBadUsage() {
    Cli.Result both = cli.tally("balance", "list", "--json", "--csv");

    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("choose one of --json and --csv");
  }

  @Test
  void noColourCodesWhenStdoutIsNotATerminal() {
    assertThat(cli.tally("balance", "list").succeeded().out()).doesNotContain("\u001b[");
  }

  @Test
  void aListLongerThanAPageSaysHowToSeeTheRest() {
    Cli.Result first = cli.tally("balance", "list", "--page-size", "1").succeeded();

    assertThat(first.out()).contains("acme").doesNotContain("globex").endsWith("(page 1: 1 of 2; --page 2 for more)\n");
    assertThat(cli.tally("balance", "list", "--page-size", "1", "--page", "2").succeeded().out()).contains("globex");
  }
}
