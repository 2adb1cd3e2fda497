package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code tally migrate}: brings the database schema to the latest version, then exits. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Create or upgrade the database schema, then exit.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally migrate --config tally.yaml")
public final class MigrateCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    TallyConfig loaded = Commands.migrating(config.load()).withoutBackgroundWork();
    try (Tally tally = Tally.open(loaded)) {
      spec.commandLine()
          .getOut()
          .println("schema is up to date on " + tally.databaseProduct() + " (" + loaded.database().safeUrl() + ")");
    }
    return 0;
  }
}
