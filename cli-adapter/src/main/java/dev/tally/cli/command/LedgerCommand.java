package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.cli.ExitCodes;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.Operation;
import dev.tally.core.model.Page;
import dev.tally.core.model.VerificationReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally ledger ...}: the double-entry ledger, read and verified. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Read the ledger's records and verify its invariants.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally ledger verify",
    subcommands = {LedgerCommand.Records.class, LedgerCommand.Verify.class})
public final class LedgerCommand extends CommandGroup {

  @Command(
      name = "records",
      mixinStandardHelpOptions = true,
      description = "List ledger legs (accounting_records), optionally of one account or operation.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally ledger records --account customer:acme --op PAY")
  static final class Records extends DatabaseCommand {
    @Option(names = "--account", description = "kind:owner, e.g. customer:acme, revenue:reseller-demo.")
    String account;

    @Option(names = "--op", paramLabel = "OPERATION", description = "RECHARGE, PAY, PAY_COST, REFUND, ADJUST or SUBSCRIPTION_FEE.")
    String operation;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Written at or after (ISO-8601 UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Written before (ISO-8601 UTC).")
    Instant to;

    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      LedgerQuery query =
          new LedgerQuery(
              Optional.ofNullable(account).map(AccountId::parse),
              Optional.ofNullable(operation).map(Operation::fromCode),
              Optional.ofNullable(from),
              Optional.ofNullable(to));
      Page<LedgerEntry> page = tally.ledger().records(query, paging.request());
      output.list(page.items().stream().map(Views::ledgerEntry).toList(), Views.LEDGER_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check every invariant of the ledger: transactions sum to zero, balances equal their accounts,"
            + " balance_after follows each account, no balance below minus its credit limit, each"
            + " charge has one PAY, hash chains unbroken.",
        "Exits 11 when a violation is found, listing each."
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally ledger verify --json")
  static final class Verify extends DatabaseCommand {
    @Override
    int run(Tally tally) {
      boolean terminal = System.console() != null && !output.isJson() && !output.isCsv();
      PrintWriter err = spec.commandLine().getErr();
      if (terminal) {
        // the use case checks everything in one pass and reports once: a bar from start to end
        err.print(ProgressBar.line(0, 1, "verifying the ledger ...") + "\r");
        err.flush();
      }
      VerificationReport report = tally.ledger().verify();
      if (terminal) {
        err.println(ProgressBar.line(1, 1, "verified                 "));
        err.flush();
      }
      Row row = Views.verification(report);
      @SuppressWarnings("unchecked")
      List<Row> violations = (List<Row>) row.get("violations");
      if (output.isJson()) {
        output.item(row);
      } else if (output.isCsv()) {
        output.list(violations, Views.VIOLATION_COLUMNS);
      } else {
        output.out().printf(
            "%s: %d transaction(s), %d entr%s, %d account(s), %d use(s) checked; %d violation(s)%n",
            report.isClean() ? "ledger OK" : "ledger BROKEN",
            report.transactions(), report.entries(), report.entries() == 1 ? "y" : "ies",
            report.accounts(), report.usages(), violations.size());
        if (!violations.isEmpty()) {
          output.list(violations, Views.VIOLATION_COLUMNS);
        }
        output.out().flush();
      }
      return report.isClean() ? 0 : ExitCodes.CHECK_FAILED;
    }
  }
}
