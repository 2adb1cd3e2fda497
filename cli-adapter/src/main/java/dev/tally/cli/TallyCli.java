package dev.tally.cli;

import dev.tally.bootstrap.ConfigException;
import dev.tally.cli.command.ApiKeyCommand;
import dev.tally.cli.command.AppCommand;
import dev.tally.cli.command.DemoCommand;
import dev.tally.cli.command.DiscountCommand;
import dev.tally.cli.command.MigrateCommand;
import dev.tally.cli.command.ServeCommand;
import dev.tally.cli.command.SyncCommand;
import dev.tally.core.error.TallyException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tally} command. */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    version = "tally 0.1.0",
    description = "Metering, quota and billing for resellers of API and LLM resources.",
    subcommands = {
      ServeCommand.class,
      MigrateCommand.class,
      DemoCommand.class,
      ApiKeyCommand.class,
      AppCommand.class,
      SyncCommand.class,
      DiscountCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TallyCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code tally args} and returns its exit status. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs {@code tally args} writing to {@code out} and {@code err}: for tests, in-process. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = commandLine();
    line.setOut(out);
    line.setErr(err);
    return line.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new TallyCli());
    line.setExecutionExceptionHandler(
        (failure, command, parsed) -> {
          PrintWriter err = command.getErr();
          if (failure instanceof TallyException refused) {
            err.println("tally: " + refused.code().code() + ": " + refused.getMessage());
          } else if (failure instanceof ConfigException || failure instanceof IllegalArgumentException) {
            err.println("tally: " + failure.getMessage());
          } else {
            err.println("tally: " + failure);
          }
          err.flush();
          return ExitCodes.of(failure);
        });
    return line;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
