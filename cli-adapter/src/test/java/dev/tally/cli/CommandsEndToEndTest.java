package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.Tally;
import dev.tally.core.model.OrgId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command through picocli with captured streams, on the demo catalogue: what a user checks
 * after running it, read back through the use cases or through another command.
 */
class CommandsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Cli cli;

  @BeforeAll
  static void loadTheDemo() throws Exception {
    cli = Cli.in(dir);
    cli.tally("demo").succeeded();
  }

  private static JsonNode json(String... args) throws Exception {
    return JSON.readTree(cli.tally(args).succeeded().out());
  }

  private static String productId(String name) throws Exception {
    JsonNode products = json("product", "list", "--json");
    return StreamSupport.stream(products.spliterator(), false)
        .filter(product -> product.path("product_name").asText().equals(name))
        .findFirst()
        .orElseThrow()
        .path("id")
        .asText();
  }

  @Test
  void balanceRechargeAdjustCreditLimitSuspendAndResumeMoveTheBalance() throws Exception {
    cli.tally("balance", "recharge", "hooli", "100.5", "--reference", "inv-1").succeeded();
    cli.tally("balance", "recharge", "hooli", "100.5", "--reference", "inv-1").succeeded();
    cli.tally("balance", "adjust", "hooli", "--reason", "goodwill", "--", "-0.25").succeeded();
    cli.tally("balance", "credit-limit", "hooli", "20").succeeded();

    JsonNode balance = json("balance", "show", "hooli", "--json");
    assertThat(balance.path("balance").asText()).isEqualTo("100.250000");
    assertThat(balance.path("credit_limit").asText()).isEqualTo("20.000000");
    assertThat(balance.path("available").asText()).isEqualTo("120.250000");

    assertThat(cli.tally("balance", "suspend", "hooli").succeeded().line("status")).isEqualTo("suspended");
    assertThat(cli.tally("balance", "list", "--status", "suspended").succeeded().out()).contains("hooli");
    assertThat(cli.tally("balance", "resume", "hooli").succeeded().line("status")).isEqualTo("active");
  }

  @Test
  void aProductIsCreatedBoundLinkedSoldAndRefunded() throws Exception {
    String product =
        json("product", "create", "--name", "OCR", "--owner", "reseller-demo", "--status", "published", "--json")
            .path("id").asText();
    assertThat(cli.tally("product", "show", product).succeeded().line("product name")).isEqualTo("OCR");
    String resource =
        json("product", "bind", product, "--type", "uapi", "--ref", "ocr-1", "--mode", "1", "--unit", "call",
                "--unit-price", "0.05", "--json")
            .path("id").asText();
    assertThat(cli.tally("product", "resources", product).succeeded().out()).contains(resource, "ocr-1", "0.05000000");

    cli.tally("supplier", "create", "supplier-ocr", "--name", "OCR Inc").succeeded();
    assertThat(cli.tally("supplier", "list").succeeded().out()).contains("supplier-ocr", "OCR Inc");
    cli.tally("supplier", "link", resource, "supplier-ocr", "--unit-cost", "0.02").succeeded();
    cli.tally("supplier", "link", resource, "supplier-apihub", "--unit-cost", "0.01", "--priority", "5").succeeded();
    cli.tally("supplier", "update-link", resource, "supplier-apihub", "--priority", "9").succeeded();
    assertThat(cli.tally("supplier", "links", resource, "--csv").succeeded().out())
        .contains("supplier-ocr,0.02000000,CNY,0,active", "supplier-apihub,0.01000000,CNY,9,active");
    cli.tally("supplier", "unlink", resource, "supplier-apihub").succeeded();
    assertThat(cli.tally("supplier", "status", "supplier-ocr", "active").succeeded().line("status")).isEqualTo("active");

    cli.tally("balance", "recharge", "umbrella", "10").succeeded();
    JsonNode use =
        json("use", "--product", product, "--org", "umbrella", "--user", "ada", "--amount", "2", "--unit", "call",
            "--source-table", "ocr_request", "--source-id", "o-1", "--json");
    assertThat(use.path("sell_price").asText()).isEqualTo("0.100000");
    assertThat(use.path("total_cost").asText()).isEqualTo("0.040000");
    assertThat(use.path("supplier_org_id").asText()).isEqualTo("supplier-ocr");
    assertThat(use.path("replayed").asBoolean()).isFalse();

    cli.tally("usage", "refund", use.path("id").asText(), "0.04", "--reason", "bad scan").succeeded();
    assertThat(json("balance", "show", "umbrella", "--json").path("balance").asText()).isEqualTo("9.940000");
    assertThat(cli.tally("usage", "list", "--org", "umbrella").succeeded().out()).contains("o-1", "0.100000");
    assertThat(cli.tally("usage", "export", "--org", "umbrella").succeeded().out().lines())
        .hasSize(2)
        .first().asString().startsWith("id,product_id,");
    assertThat(cli.tally("stats", "--by", "org", "--csv").succeeded().out()).contains("umbrella,call,1,2.0000,0.040000,0.100000,0.060000");

    assertThat(cli.tally("product", "status", product, "retired").succeeded().line("status")).isEqualTo("retired");
    cli.tally("product", "unbind", product, resource, "--force").succeeded();
    assertThat(cli.tally("product", "resources", product, "--json").succeeded().out()).contains("\"status\":\"unbound\"");
  }

  @Test
  void aSubscriptionIsCheckedRenewedSuspendedResumedAndCancelled() throws Exception {
    String product = productId("Search API");
    cli.tally("balance", "recharge", "wayne", "50").succeeded();
    String id =
        json("subscription", "create", "--product", product, "--org", "wayne", "--user", "bruce", "--quota", "100",
                "--unit", "call", "--fee", "5", "--json")
            .path("id").asText();
    assertThat(json("balance", "show", "wayne", "--json").path("balance").asText()).isEqualTo("45.000000");

    JsonNode quota = json("subscription", "quota", id, "150", "--json");
    assertThat(quota.path("accepted").asBoolean()).isFalse();
    assertThat(quota.path("remaining").asText()).isEqualTo("100.0000");

    assertThat(cli.tally("subscription", "suspend", id).succeeded().line("status")).isEqualTo("suspended");
    assertThat(cli.tally("subscription", "resume", id).succeeded().line("status")).isEqualTo("active");
    cli.tally("subscription", "renew", id).succeeded();
    assertThat(json("balance", "show", "wayne", "--json").path("balance").asText()).isEqualTo("40.000000");
    assertThat(cli.tally("subscription", "list", "--org", "wayne").succeeded().out()).contains(id, "100.0000");
    assertThat(cli.tally("subscription", "cancel", id).succeeded().line("status")).isEqualTo("cancelled");
    assertThat(cli.tally("subscription", "show", id).succeeded().line("status")).isEqualTo("cancelled");
  }

  @Test
  void overageTermsAreSetOnAQuotaWithOverageSubscription() throws Exception {
    String id = json("subscription", "list", "--org", "initech", "--json").get(0).path("id").asText();

    JsonNode changed = json("subscription", "overage", id, "--allow", "--price", "0.00004", "--cap", "5000", "--json");

    assertThat(changed.path("allow_overage").asBoolean()).isTrue();
    assertThat(changed.path("overage_unit_price").asText()).isEqualTo("0.00004000");
    assertThat(changed.path("overage_cap").asText()).isEqualTo("5000.0000");
  }

  @Test
  void aHoldIsSettledAndAnotherVoided() throws Exception {
    String product = productId("Chat Pro");
    cli.tally("balance", "recharge", "stark", "10").succeeded();
    String hold = json("hold", "create", "stark", "4", "--user", "tony", "--product", product, "--json").path("id").asText();
    assertThat(json("balance", "show", "stark", "--json").path("held").asText()).isEqualTo("4.000000");

    assertThat(cli.tally("hold", "settle", hold, "1.5").succeeded().line("status")).isEqualTo("settled");
    assertThat(json("balance", "show", "stark", "--json").path("balance").asText()).isEqualTo("8.500000");

    String other = json("hold", "create", "stark", "2", "--user", "tony", "--product", product, "--json").path("id").asText();
    assertThat(cli.tally("hold", "void", other).succeeded().line("status")).isEqualTo("voided");
    assertThat(cli.tally("hold", "show", other).succeeded().line("amount")).isEqualTo("2.000000");
    assertThat(json("balance", "show", "stark", "--json").path("held").asText()).isEqualTo("0.000000");
  }

  @Test
  void pricingListsProgrammesAndQuotesLineByLine() throws Exception {
    assertThat(cli.tally("pricing", "programs").succeeded().out()).contains("pp-llm-standard", "LLM standard");

    JsonNode quote =
        json("pricing", "quote", "pp-llm-standard", "--usage", "prompt_tokens=1200", "--usage",
            "completion_tokens=300", "--json");

    assertThat(quote.path("total").asText()).isEqualTo("0.008640");
    assertThat(quote.path("lines")).hasSize(2);
  }

  @Test
  void ledgerRecordsListTheLegsOfAnAccountAndVerifyPasses() {
    String records = cli.tally("ledger", "records", "--account", "customer:acme", "--op", "RECHARGE").succeeded().out();
    assertThat(records).contains("RECHARGE", "customer:acme", "100.000000");

    Cli.Result verify = cli.tally("ledger", "verify").succeeded();
    assertThat(verify.out()).startsWith("ledger OK: ").contains("0 violation(s)");
  }

  @Test
  void keysAreCreatedListedAndRevoked() throws Exception {
    String key = json("apikey", "create", "--role", "service", "--json").path("id").asText();
    assertThat(cli.tally("apikey", "list", "--csv").succeeded().out()).contains(key + ",service");
    assertThat(cli.tally("apikey", "revoke", key).succeeded().out()).startsWith("revoked " + key);
  }

  @Test
  void syncStatusListsEveryEntity() throws Exception {
    JsonNode states = json("sync", "status", "--json");

    assertThat(states).extracting(state -> state.path("entity").asText()).contains("users", "pricing", "uapi", "llmage");
  }

  @Test
  void configShowSaysWhereEachValueComesFromAndMasksSecrets() throws Exception {
    Cli secretive =
        Cli.in(
            Files.createDirectories(dir.resolve("secretive")),
            "security:\n  master_key: \"not-for-your-eyes-0123456789\"\n");

    String shown = secretive.tally("config", "show").succeeded().out();

    assertThat(shown).doesNotContain("not-for-your-eyes");
    assertThat(shown).containsPattern("security.master_key\\s+\\*{8}\\s+.*tally.yaml");
    assertThat(shown).containsPattern("server.port\\s+8080\\s+default");
  }

  @Test
  void completionIsABashScriptForEveryCommand() {
    String script = Cli.bare("completion").succeeded().out();

    assertThat(script).contains("complete -F _complete_tally", "balance", "import", "ledger", "subscription");
  }

  @Test
  void versionIsPrinted() {
    assertThat(Cli.bare("--version").succeeded().out()).startsWith("tally ");
  }

  @Test
  void whatTheCommandsDidIsWhatTheUseCasesSee() {
    cli.tally("balance", "recharge", "oscorp", "7").succeeded();
    try (Tally tally = cli.open()) {
      assertThat(tally.balances().balance(OrgId.of("oscorp")).balance().amount()).isEqualByComparingTo("7");
    }
  }
}
