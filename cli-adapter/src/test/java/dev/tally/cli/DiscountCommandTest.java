package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.bootstrap.Tally;
import dev.tally.core.model.OrgId;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally discount}: what it sets is what a use is charged with, and what it refuses. */
class DiscountCommandTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = Cli.in(dir);
  }

  @Test
  void setsShowsListsAndRemovesADiscount() throws Exception {
    Cli.Result set = cli.tally("discount", "set", "reseller-1", "acme", "0.950", "--json").succeeded();

    JsonNode json = new ObjectMapper().readTree(set.out());
    assertThat(json.path("reseller_org_id").asText()).isEqualTo("reseller-1");
    assertThat(json.path("user_org_id").asText()).isEqualTo("acme");
    assertThat(json.path("discount").asText()).isEqualTo("0.95");
    try (Tally tally = cli.open()) {
      assertThat(tally.discounts().discount(OrgId.of("reseller-1"), OrgId.of("acme")).multiplier())
          .isEqualByComparingTo("0.95");
    }
    assertThat(cli.tally("discount", "show", "reseller-1", "acme").succeeded().line("discount"))
        .isEqualTo("0.95");
    cli.tally("discount", "set", "reseller-2", "acme", "0.8").succeeded();
    Cli.Result list = cli.tally("discount", "list", "--org", "acme").succeeded();
    assertThat(list.out().lines()).hasSize(3);
    assertThat(list.out().lines().skip(1).map(line -> line.split("\\s+")[0]))
        .containsExactly("reseller-1", "reseller-2");

    cli.tally("discount", "remove", "reseller-1", "acme").succeeded();

    Cli.Result gone = cli.tally("discount", "show", "reseller-1", "acme");
    assertThat(gone.status()).isEqualTo(5);
    assertThat(gone.err()).contains("not_found").contains("customer acme has no discount with reseller reseller-1");
  }

  @Test
  void refusesAMultiplierOutsideZeroToOneAsInvalidAndChangesNothing() throws Exception {
    Cli.Result tooMuch = cli.tally("discount", "set", "reseller-1", "acme", "1.5");
    Cli.Result notANumber = cli.tally("discount", "set", "reseller-1", "acme", "lots");

    assertThat(tooMuch.status()).isEqualTo(4);
    assertThat(tooMuch.err()).contains("discount is a multiplier from 0 to 1");
    assertThat(notANumber.status()).isEqualTo(2);
    assertThat(cli.tally("discount", "list").succeeded().out().lines()).hasSize(1);
  }

  @Test
  void describesItself() {
    assertThat(Cli.bare("--help").succeeded().out()).contains("discount");
    assertThat(Cli.bare("discount", "--help").succeeded().out())
        .contains("Set, show, list and remove customer discounts")
        .contains("set", "show", "list", "remove");
    assertThat(Cli.bare("discount", "set", "--help").succeeded().out()).contains("MULTIPLIER");
  }
}
