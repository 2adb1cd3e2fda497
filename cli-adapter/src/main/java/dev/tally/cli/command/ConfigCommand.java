package dev.tally.cli.command;

import dev.tally.bootstrap.ConfigLoader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tally config show}: the configuration Tally would run with, and where each value came from. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show the effective configuration.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally config show --config tally.yaml",
    subcommands = ConfigCommand.Show.class)
public final class ConfigCommand extends CommandGroup {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Show every configuration key's effective value and its source: default, the config file, or"
            + " a TALLY_* environment variable. Secrets are masked."
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  TALLY_SERVER_PORT=9090 tally config show")
  static final class Show implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Output output;

    @Override
    public Integer call() {
      List<Row> rows =
          ConfigLoader.describe(config.file()).stream()
              .map(value -> Row.of().put("key", value.key()).put("value", value.value()).put("source", value.source()))
              .toList();
      output.list(rows, List.of("key", "value", "source"));
      return 0;
    }
  }
}
