package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import dev.tally.bootstrap.Tally;
import dev.tally.core.auth.DeererToken;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.auth.SignedRequest;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally app}: register, list, disable, enable and delete apps, and import the platform's
 * apps and keys so that its tokens, signatures and keys are accepted as they are.
 */
class AppCommandTest {
  private static final String CALLER = "127.0.0.1";
  private static final String SECRET = "platform-app-secret";
  private static final String KEY = "sk-platform-live-1";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = Cli.in(dir, "security:\n  master_key: cli-test-master-key\n");
  }

  @Test
  void createsAnAppShowingItsSecretOnceAndListsItWithoutTheSecret() throws Exception {
    Cli.Result create = cli.tally("app", "create", "--name", "shop", "--org", "acme", "--allow-ip", "10.0.0.0/8").succeeded();
    String appId = create.line("app id");
    String secret = create.line("secret");

    Cli.Result table = cli.tally("app", "list").succeeded();
    Cli.Result json = cli.tally("app", "list", "--json").succeeded();

    assertThat(table.out()).contains(appId).contains("acme").contains("customer").contains("10.0.0.0/8").doesNotContain(secret);
    JsonNode listed = new ObjectMapper().readTree(json.out());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("app_id").asText()).isEqualTo(appId);
    assertThat(json.out()).doesNotContain(secret);
    try (Tally tally = cli.open()) {
      SignedRequest request = new SignedRequest("GET", "/x", Map.of(), now(), "n-1", new byte[0]);
      Principal principal = tally.credentials().authenticateSigned(appId, request, request.signature(secret), "10.1.2.3");
      assertThat(principal.orgId()).contains(OrgId.of("acme"));
    }
  }

  @Test
  void importsThePlatformsCredentialsSoThatTheyAuthenticateAsTheyAre() throws Exception {
    Path file = dir.resolve("platform.jsonl");
    Files.writeString(
        file,
        "{\"type\": \"app\", \"app_id\": \"platform-7\", \"secret\": \"" + SECRET + "\", \"org_id\": \"acme\"}\n"
            + "{\"type\": \"key\", \"key\": \"" + KEY + "\", \"role\": \"service\", \"app_id\": \"platform-7\"}\n"
            + "{\"type\": \"key\", \"key_sha256\": \"" + Hashing.sha256().hashString("sk-hashed", StandardCharsets.UTF_8)
            + "\", \"role\": \"admin\"}\n",
        StandardCharsets.UTF_8);

    Cli.Result imported = cli.tally("app", "import", file.toString()).succeeded();

    assertThat(imported.out()).contains("imported 1 app(s) and 2 key(s)");
    try (Tally tally = cli.open()) {
      String token = DeererToken.encrypt(SECRET, now() + ".8731", KEY);
      Principal viaDeerer = tally.credentials().authenticateDeerer("platform-7", token, CALLER);
      SignedRequest request = new SignedRequest("GET", "/x", Map.of(), now(), "n-1", new byte[0]);
      Principal viaHmac = tally.credentials().authenticateSigned("platform-7", request, request.signature(SECRET), CALLER);
      Principal viaHash = tally.credentials().authenticateKey("sk-hashed", CALLER);

      // the app of acme decides: its service key acts as acme's customer
      assertThat(viaDeerer.role()).isEqualTo(Role.CUSTOMER);
      assertThat(viaDeerer.orgId()).contains(OrgId.of("acme"));
      assertThat(viaHmac.orgId()).contains(OrgId.of("acme"));
      assertThat(viaHash.role()).isEqualTo(Role.ADMIN);
    }
  }

  @Test
  void refusesABadImportNamingTheLineAndStoresNothing() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file,
        "{\"type\": \"app\", \"app_id\": \"platform-7\", \"secret\": \"" + SECRET + "\"}\n{\"type\": \"key\", \"role\": \"service\"}\n",
        StandardCharsets.UTF_8);

    Cli.Result refused = cli.tally("app", "import", file.toString());

    assertThat(refused.status()).isEqualTo(4);
    assertThat(refused.err()).contains("line 2").doesNotContain(SECRET);
    assertThat(cli.tally("app", "list", "--json").succeeded().out().strip()).isEqualTo("[]");
  }

  @Test
  void disablesEnablesAndDeletesAnApp() throws Exception {
    Files.writeString(
        dir.resolve("one.jsonl"),
        "{\"type\": \"app\", \"app_id\": \"platform-7\", \"secret\": \"" + SECRET + "\"}\n"
            + "{\"type\": \"key\", \"key\": \"" + KEY + "\", \"role\": \"service\", \"app_id\": \"platform-7\"}\n",
        StandardCharsets.UTF_8);
    cli.tally("app", "import", dir.resolve("one.jsonl").toString()).succeeded();

    assertThat(cli.tally("app", "disable", "platform-7").succeeded().out()).contains("disabled app platform-7");
    try (Tally tally = cli.open()) {
      assertThatThrownBy(() -> tally.credentials().authenticateKey(KEY, CALLER)).isInstanceOf(TallyException.class);
    }
    cli.tally("app", "enable", "platform-7").succeeded();
    try (Tally tally = cli.open()) {
      assertThat(tally.credentials().authenticateKey(KEY, CALLER).role()).isEqualTo(Role.SERVICE);
    }
    assertThat(cli.tally("app", "delete", "platform-7").succeeded().out()).contains("deleted");
    assertThat(cli.tally("app", "delete", "platform-7").status()).isEqualTo(5);
    try (Tally tally = cli.open()) {
      assertThatThrownBy(() -> tally.credentials().authenticateKey(KEY, CALLER))
          .hasMessageContaining("revoked");
    }
  }

  private static String now() {
    return Long.toString(Instant.now().getEpochSecond());
  }
}
