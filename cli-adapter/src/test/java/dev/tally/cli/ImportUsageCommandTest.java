package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.Tally;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.UsageQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally import usage}: good, replayed and bad lines; a second import changes nothing. */
class ImportUsageCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Cli cli;
  private String chat;

  @BeforeEach
  void demo() throws Exception {
    cli = Cli.in(dir);
    cli.tally("demo").succeeded();
    JsonNode products = JSON.readTree(cli.tally("product", "list", "--json").succeeded().out());
    chat =
        StreamSupport.stream(products.spliterator(), false)
            .filter(product -> product.path("product_name").asText().equals("Chat Pro"))
            .findFirst().orElseThrow().path("id").asText();
    // recorded before the import: the file's line for it is a replay
    cli.tally("use", "--product", chat, "--org", "acme", "--user", "alice", "--amount", "1500", "--unit", "token",
            "--usage", "prompt_tokens=1200", "--usage", "completion_tokens=300",
            "--source-table", "chat_request", "--source-id", "req-1")
        .succeeded();
  }

  private Path csv() throws Exception {
    return write("calls.csv",
        "product_id,user_id,user_org_id,used_amount,used_unit,usage.prompt_tokens,usage.completion_tokens,source_ref_table,source_ref_id",
        chat + ",alice,acme,1500,token,1200,300,chat_request,req-1",
        chat + ",bob,acme,1000,token,1000,0,chat_request,req-2",
        "",
        chat + ",bob,acme,\"1,000\",token,1000,0,chat_request,req-3",
        chat + ",carol,acme,200000000,token,200000000,0,chat_request,req-4",
        chat + ",dave,acme,500,token,0,500,chat_request,req-5");
  }

  private Path write(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private String balance() throws Exception {
    return JSON.readTree(cli.tally("balance", "show", "acme", "--json").succeeded().out()).path("balance").asText();
  }

  private long uses() {
    try (Tally tally = cli.open()) {
      return tally.metering().usage(UsageQuery.forOrg(OrgId.of("acme")), PageRequest.firstPage()).total();
    }
  }

  @Test
  void recordsTheGoodLinesReplaysTheKnownOnesAndReportsTheBadOnes() throws Exception {
    String before = balance();

    Cli.Result imported = cli.tally("import", "usage", csv().toString());

    assertThat(imported.status()).isEqualTo(11);
    assertThat(imported.out())
        .isEqualTo(dir.resolve("calls.csv") + ": 5 line(s): 2 accepted, 1 replayed, 2 refused (see "
            + dir.resolve("calls.csv.refused.csv") + ")\n");
    // 1000 tokens at 4/M and 500 at 16/M, 10% off: 0.0036 + 0.0072
    assertThat(new BigDecimal(balance())).isEqualByComparingTo(new BigDecimal(before).subtract(new BigDecimal("0.010800")));
    List<String> refused = Files.readAllLines(dir.resolve("calls.csv.refused.csv"));
    assertThat(refused.get(0)).isEqualTo("line,code,reason,content");
    assertThat(refused.get(1)).startsWith("5,validation_failed,").contains("used_amount", "1,000");
    assertThat(refused.get(2)).startsWith("6,insufficient_balance,");
    assertThat(refused).hasSize(3);
  }

  @Test
  void importingTheSameFileAgainChangesNothing() throws Exception {
    Path file = csv();
    cli.tally("import", "usage", file.toString());
    String balance = balance();
    long uses = uses();

    Cli.Result again = cli.tally("import", "usage", file.toString(), "--json");

    JsonNode summary = JSON.readTree(again.out());
    assertThat(summary.path("accepted").asLong()).isZero();
    assertThat(summary.path("replayed").asLong()).isEqualTo(3);
    assertThat(summary.path("refused").asLong()).isEqualTo(2);
    assertThat(balance()).isEqualTo(balance);
    assertThat(uses()).isEqualTo(uses);
    assertThat(cli.tally("ledger", "verify").succeeded().out()).startsWith("ledger OK");
  }

  @Test
  void readsJsonLinesWithTheFieldsOfTheHttpApi() throws Exception {
    Path file =
        write("calls.jsonl",
            "{\"product_id\":\"" + chat + "\",\"user_id\":\"bob\",\"user_org_id\":\"acme\",\"used_amount\":\"100\","
                + "\"used_unit\":\"token\",\"usage\":{\"prompt_tokens\":100},\"source_ref_table\":\"chat_request\","
                + "\"source_ref_id\":\"j-1\"}",
            "{\"product_id\":\"" + chat + "\",\"user_id\":\"bob\"}",
            "not json");

    Cli.Result imported = cli.tally("import", "usage", file.toString(), "--json", "--refused", dir.resolve("bad.csv").toString());

    JsonNode summary = JSON.readTree(imported.out());
    assertThat(summary.path("accepted").asLong()).isEqualTo(1);
    assertThat(summary.path("refused").asLong()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("bad.csv"))).contains("user_org_id", "not a JSON object");
    assertThat(cli.tally("usage", "list", "--org", "acme").succeeded().out()).contains("j-1");
  }

  @Test
  void aFileOfOnlyGoodLinesExits0() throws Exception {
    Path file =
        write("good.csv",
            "product_id,user_id,user_org_id,used_amount,used_unit,usage.prompt_tokens,source_ref_table,source_ref_id",
            chat + ",bob,acme,10,token,10,chat_request,g-1");

    Cli.Result imported = cli.tally("import", "usage", file.toString()).succeeded();

    assertThat(imported.out()).endsWith(": 1 line(s): 1 accepted, 0 replayed, 0 refused\n");
    assertThat(dir.resolve("good.csv.refused.csv")).doesNotExist();
  }

  @Test
  void aFileOfUnknownFormatIsInvalid() throws Exception {
    Path file = write("calls.txt", "x");

    Cli.Result imported = cli.tally("import", "usage", file.toString());

    assertThat(imported.status()).isEqualTo(4);
    assertThat(imported.err()).contains("--format csv|jsonl");
  }
}
