package dev.tally.cli;

import dev.tally.bootstrap.ConfigException;
import dev.tally.cli.command.ApiKeyCommand;
import dev.tally.cli.command.AppCommand;
import dev.tally.cli.command.BalanceCommand;
import dev.tally.cli.command.CompletionCommand;
import dev.tally.cli.command.ConfigCommand;
import dev.tally.cli.command.DemoCommand;
import dev.tally.cli.command.DiscountCommand;
import dev.tally.cli.command.HoldCommand;
import dev.tally.cli.command.ImportCommand;
import dev.tally.cli.command.LedgerCommand;
import dev.tally.cli.command.MigrateCommand;
import dev.tally.cli.command.PricingCommand;
import dev.tally.cli.command.ProductCommand;
import dev.tally.cli.command.RecordUseCommand;
import dev.tally.cli.command.ServeCommand;
import dev.tally.cli.command.StatsCommand;
import dev.tally.cli.command.SubscriptionCommand;
import dev.tally.cli.command.SupplierCommand;
import dev.tally.cli.command.SyncCommand;
import dev.tally.cli.command.UsageCommand;
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
    footerHeading = "%nExamples:%n",
    footer = {
      "  tally demo                      load the example catalogue",
      "  tally balance show acme         a customer's balance",
      "  tally usage list --org acme     its usage log",
      "  tally ledger verify             check the ledger",
      "",
      "Exit status: 0 ok, 1 failure, 2 bad usage, 3 bad configuration, 4 invalid request,"
          + " 5 not found, 6 conflict, 7 refused by the billing rules, 8 not allowed,"
          + " 9 database or upstream unavailable, 10 embedded database held by a running Tally,"
          + " 11 ledger broken or import lines refused (docs/cli.md)."
    },
    subcommands = {
      ServeCommand.class,
      MigrateCommand.class,
      DemoCommand.class,
      BalanceCommand.class,
      HoldCommand.class,
      ProductCommand.class,
      SupplierCommand.class,
      SubscriptionCommand.class,
      RecordUseCommand.class,
      UsageCommand.class,
      ImportCommand.class,
      StatsCommand.class,
      PricingCommand.class,
      DiscountCommand.class,
      LedgerCommand.class,
      AppCommand.class,
      ApiKeyCommand.class,
      SyncCommand.class,
      ConfigCommand.class,
      CompletionCommand.class,
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
          err.println("tally: " + ExitCodes.code(failure) + ": " + oneLine(failure));
          err.flush();
          return ExitCodes.of(failure);
        });
    return line;
  }

  /** The failure's message on one line: scripts read stderr line by line. */
  private static String oneLine(Throwable failure) {
    boolean expected =
        failure instanceof TallyException
            || failure instanceof ConfigException
            || failure instanceof IllegalArgumentException
            || failure instanceof java.io.UncheckedIOException;
    String message = expected && failure.getMessage() != null ? failure.getMessage() : failure.toString();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
