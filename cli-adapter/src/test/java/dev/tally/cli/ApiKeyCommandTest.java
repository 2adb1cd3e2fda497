package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.Tally;
import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.OrgId;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyCommandTest {
  private static final String CALLER = "127.0.0.1";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = Cli.in(dir);
  }

  @Test
  void aCustomerKeyWithoutAnOrgIsInvalidAndSaysWhatIsMissing() {
    Cli.Result create = cli.tally("apikey", "create", "--role", "customer");

    assertThat(create.status()).isEqualTo(4);
    assertThat(create.out()).isEmpty();
    assertThat(create.err()).contains("--role customer needs --org");
  }

  @Test
  void anUnknownRoleIsInvalidAndNamesTheRoles() {
    Cli.Result create = cli.tally("apikey", "create", "--role", "root");

    assertThat(create.status()).isEqualTo(4);
    assertThat(create.err()).contains("role must be one of admin, service, customer: 'root'");
  }

  @Test
  void createsAServiceKeyAsJsonThatAuthenticates() throws Exception {
    Cli.Result create = cli.tally("apikey", "create", "--role", "service", "--json").succeeded();

    JsonNode json = new ObjectMapper().readTree(create.out());
    assertThat(json.path("role").asText()).isEqualTo("service");
    String key = json.path("key").asText();
    assertThat(key).startsWith("tly_");
    try (Tally tally = cli.open()) {
      Principal service = tally.credentials().authenticateKey(key, CALLER);
      assertThat(service.role()).isEqualTo(Role.SERVICE);
    }
  }

  @Test
  void createsACustomerKeyConfinedToItsOrg() throws Exception {
    Cli.Result create =
        cli.tally("apikey", "create", "--role", "customer", "--org", "acme", "--user", "alice")
            .succeeded();

    assertThat(create.out()).contains("(shown once");
    try (Tally tally = cli.open()) {
      Principal customer = tally.credentials().authenticateKey(create.line("key"), CALLER);
      assertThat(customer.role()).isEqualTo(Role.CUSTOMER);
      assertThat(customer.orgId()).contains(OrgId.of("acme"));
    }
  }

  @Test
  void listShowsEachKeysIdButNeverTheKey() {
    Cli.Result create = cli.tally("apikey", "create", "--role", "service").succeeded();
    String id = create.line("key id");
    String key = create.line("key");

    Cli.Result list = cli.tally("apikey", "list").succeeded();

    assertThat(list.out().lines().findFirst()).get().asString().startsWith("ID").contains("ROLE");
    assertThat(list.out()).contains(id).contains("service").doesNotContain(key);
  }

  @Test
  void aRevokedKeyNoLongerAuthenticates() throws Exception {
    Cli.Result create = cli.tally("apikey", "create", "--role", "admin").succeeded();
    String id = create.line("key id");
    String key = create.line("key");
    try (Tally tally = cli.open()) {
      assertThat(tally.credentials().authenticateKey(key, CALLER).role()).isEqualTo(Role.ADMIN);
    }

    Cli.Result revoke = cli.tally("apikey", "revoke", id).succeeded();

    assertThat(revoke.out()).startsWith("revoked " + id + " at ");
    try (Tally tally = cli.open()) {
      assertThatThrownBy(() -> tally.credentials().authenticateKey(key, CALLER))
          .isInstanceOf(TallyException.class)
          .extracting(failure -> ((TallyException) failure).code().code())
          .isEqualTo("unauthorized");
    }
    assertThat(cli.tally("apikey", "list").succeeded().out())
        .containsPattern(id + " .*admin .*\\d{4}-\\d\\d-\\d\\dT");
  }

  @Test
  void revokingAnUnknownKeyIsNotFound() {
    cli.tally("migrate").succeeded();

    Cli.Result revoke = cli.tally("apikey", "revoke", "no-such-key");

    assertThat(revoke.status()).isEqualTo(5);
    assertThat(revoke.err()).startsWith("tally: not_found: ").contains("no-such-key");
  }
}
