package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HelpCommandTest {

  @Test
  void tallyHelpListsEveryCommand() {
    Cli.Result help = Cli.bare("--help").succeeded();

    assertThat(help.out())
        .startsWith("Usage: tally ")
        .contains("Metering, quota and billing")
        .contains("serve", "migrate", "demo", "apikey", "sync", "help")
        .contains("balance", "hold", "product", "supplier", "subscription", "use", "usage", "import")
        .contains("stats", "pricing", "ledger", "app", "config", "completion");
    assertThat(help.err()).isEmpty();
  }

  @Test
  void tallyWithoutACommandPrintsItsUsage() {
    assertThat(Cli.bare().succeeded().out()).startsWith("Usage: tally ");
  }

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("serve", "Run the HTTP API"),
        Arguments.of("migrate", "Create or upgrade the database schema"),
        Arguments.of("demo", "Load a small example catalogue"),
        Arguments.of("apikey", "Create, list and revoke API keys"),
        Arguments.of("apikey create", "Create a key and print it once"),
        Arguments.of("apikey list", "List keys"),
        Arguments.of("apikey revoke", "Revoke a key by its id"),
        Arguments.of("sync", "Pull the upstream catalogues"),
        Arguments.of("sync run", "Sync now"),
        Arguments.of("sync status", "Show each entity's sync state"));
  }

  @ParameterizedTest(name = "tally {0} --help")
  @MethodSource("commands")
  void everyCommandDescribesItself(String command, String description) {
    String[] args =
        Stream.concat(Arrays.stream(command.split(" ")), Stream.of("--help")).toArray(String[]::new);

    Cli.Result help = Cli.bare(args).succeeded();

    assertThat(help.out()).startsWith("Usage: tally " + command).contains(description);
    assertThat(help.err()).isEmpty();
  }

  /** picocli's help command takes one name: {@code help apikey create} shows apikey's help. */
  static Stream<Arguments> topLevelCommands() {
    return commands().filter(command -> !((String) command.get()[0]).contains(" "));
  }

  @ParameterizedTest(name = "tally help {0}")
  @MethodSource("topLevelCommands")
  void theHelpCommandDescribesEveryTopLevelCommandToo(String command, String description) {
    Cli.Result help = Cli.bare("help", command).succeeded();

    assertThat(help.out()).startsWith("Usage: tally " + command).contains(description);
  }

  @Test
  void everyCommandsHelpEndsWithAnExample() {
    List<String> withoutExample = new ArrayList<>();
    visit(TallyCli.commandLine(), withoutExample);

    assertThat(withoutExample).isEmpty();
  }

  private static void visit(CommandLine command, List<String> withoutExample) {
    String name = command.getCommandSpec().qualifiedName();
    if (!name.equals("tally help")) {
      String[] args =
          Stream.concat(Arrays.stream(name.split(" ")).skip(1), Stream.of("--help")).toArray(String[]::new);
      String help = Cli.bare(args).succeeded().out();
      if (!help.contains("Example:") && !help.contains("Examples:")) {
        withoutExample.add(name);
      }
    }
    command.getSubcommands().values().stream().distinct().forEach(sub -> visit(sub, withoutExample));
  }

  @Test
  void commandsThatNeedTheDatabaseTakeTheConfigOption() {
    for (String command : new String[] {"serve", "migrate", "demo"}) {
      assertThat(Cli.bare(command, "--help").out()).as(command).contains("-c, --config=FILE");
    }
    assertThat(Cli.bare("serve", "--help").out()).contains("--demo", "--port");
    assertThat(Cli.bare("apikey", "create", "--help").out())
        .contains("--role", "--org", "--user", "--expires", "--json");
  }
}
