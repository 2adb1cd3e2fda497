package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.UsageId;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Refund;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally usage ...}: the usage log, with sell price and supplier cost on each row. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = "List, export and refund recorded uses.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally usage list --org acme",
    subcommands = {UsageCommand.ListUsage.class, UsageCommand.RefundUse.class, UsageCommand.Export.class})
public final class UsageCommand extends CommandGroup {

  /** The filters of the usage log. */
  static final class Filters {
    @Option(names = "--org", description = "Only this customer org's uses.")
    String org;

    @Option(names = "--user", description = "Only this user's.")
    String user;

    @Option(names = "--product", paramLabel = "PRODUCT_ID", description = "Only this product's.")
    String product;

    @Option(names = "--subscription", paramLabel = "SUBSCRIPTION_ID", description = "Only this subscription's.")
    String subscription;

    @Option(names = "--supplier", paramLabel = "ORG", description = "Only those this supplier served.")
    String supplier;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Used at or after (ISO-8601 UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Used before (ISO-8601 UTC).")
    Instant to;

    UsageQuery query() {
      return new UsageQuery(
          Optional.ofNullable(org).map(OrgId::of),
          Optional.ofNullable(user).map(UserId::of),
          Optional.ofNullable(product).map(ProductId::of),
          Optional.ofNullable(subscription).map(SubscriptionId::of),
          Optional.ofNullable(supplier).map(OrgId::of),
          Optional.ofNullable(from),
          Optional.ofNullable(to));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the usage log, newest first, with sell price and supplier cost.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally usage list --org acme --from 2026-03-01T00:00:00Z --csv")
  static final class ListUsage extends DatabaseCommand {
    @Mixin Filters filters;
    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      Page<UsageRecord> page = tally.metering().usage(filters.query(), paging.request());
      output.list(page.items().stream().map(Views::usage).toList(), Views.USAGE_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  @Command(
      name = "refund",
      mixinStandardHelpOptions = true,
      description = "Give back part or all of what a use was charged (less earlier refunds).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally usage refund USAGE_ID 0.008640 --reason \"upstream timeout\"")
  static final class RefundUse extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "USAGE_ID", description = "The use's id.")
    String id;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "How much to give back.")
    String amount;

    @Option(names = "--reason", required = true, description = "Why, for the ledger.")
    String reason;

    @Override
    int run(Tally tally) {
      UsageId usage = UsageId.of(id);
      Money money = Money.of(amount, tally.metering().usage(usage).sellPrice().currency());
      LedgerTransaction refund = tally.metering().refund(new Refund(usage, money, reason));
      Row row = Views.transaction(refund);
      if (output.isJson()) {
        output.item(row);
      } else {
        @SuppressWarnings("unchecked")
        List<Row> legs = (List<Row>) row.get("legs");
        output.list(legs, Views.LEDGER_COLUMNS);
      }
      return 0;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the whole usage log (or what the filters keep) as CSV, or JSON lines with --json,"
            + " in the order of usage list, to a file or stdout."
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally usage export --org acme --output acme-usage.csv")
  static final class Export extends DatabaseCommand {
    @Mixin Filters filters;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path file;

    @Override
    int run(Tally tally) {
      List<Row> rows = Paging.all(page -> tally.metering().usage(filters.query(), page)).stream().map(Views::usage).toList();
      if (file == null) {
        write(output.out(), rows);
        output.out().flush();
        return 0;
      }
      try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
        write(writer, rows);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      if (!output.isJson()) {
        output.out().println("exported " + rows.size() + " use(s) to " + file);
      }
      return 0;
    }

    private void write(PrintWriter writer, List<Row> rows) {
      if (output.isJson()) {
        rows.forEach(row -> writer.println(Output.json(row)));
      } else {
        Output.csv(writer, rows, rows.isEmpty() ? Views.USAGE_COLUMNS : List.copyOf(rows.get(0).fields().keySet()));
      }
    }
  }
}
