package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.port.in.QuoteRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally pricing ...}: the synced pricing programmes, and quotes computed from them. */
@Command(
    name = "pricing",
    mixinStandardHelpOptions = true,
    description = "List pricing programmes and price a usage line by line.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally pricing quote pp-llm-standard --usage prompt_tokens=1200 --usage completion_tokens=300",
    subcommands = {PricingCommand.Programs.class, PricingCommand.Quote.class})
public final class PricingCommand extends CommandGroup {

  @Command(
      name = "programs",
      mixinStandardHelpOptions = true,
      description = "List the pricing programmes (synced from upstream, or loaded by the demo).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally pricing programs")
  static final class Programs extends DatabaseCommand {
    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      Page<PricingProgram> page = tally.pricing().programs(paging.request());
      output.list(page.items().stream().map(Views::program).toList(), Views.PROGRAM_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  @Command(
      name = "quote",
      mixinStandardHelpOptions = true,
      description = "Price a usage with a programme, line by line; changes nothing.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally pricing quote pp-llm-standard --usage prompt_tokens=1200 --usage completion_tokens=300")
  static final class Quote extends DatabaseCommand {
    @Parameters(paramLabel = "PROGRAM_ID", description = "The programme's id.")
    String program;

    @Option(names = "--usage", paramLabel = "FACTOR=COUNT", description = "A usage count (repeatable).")
    Map<String, String> usage = new LinkedHashMap<>();

    @Option(names = "--attr", paramLabel = "NAME=VALUE", description = "A request attribute price filters match (repeatable).")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--quantity", description = "The use's quantity, for flat lines.")
    String quantity;

    @Option(names = "--reseller", paramLabel = "ORG", description = "With --org: apply the discount the reseller gives the org.")
    String reseller;

    @Option(names = "--org", description = "The customer org, with --reseller.")
    String org;

    @Option(names = "--date", description = "Price with the list valid on this date (default: today).")
    LocalDate date;

    @Override
    void check() {
      if ((reseller == null) != (org == null)) {
        throw new IllegalArgumentException("--reseller and --org go together");
      }
    }

    @Override
    int run(Tally tally) {
      Map<String, BigDecimal> counts = new LinkedHashMap<>();
      usage.forEach((factor, count) -> counts.put(factor, new BigDecimal(SubscriptionCommand.decimal("--usage " + factor, count))));
      QuoteRequest request =
          new QuoteRequest(
              PricingProgramId.of(program),
              counts,
              attributes,
              Optional.ofNullable(quantity).map(text -> new BigDecimal(SubscriptionCommand.decimal("--quantity", text))),
              reseller == null
                  ? Optional.empty()
                  : Optional.of(new QuoteRequest.Customer(OrgId.of(reseller), OrgId.of(org))),
              Optional.ofNullable(date));
      PricingQuote quote = tally.pricing().quote(request);
      Row row = Views.quote(quote);
      if (output.isJson()) {
        output.item(row);
      } else {
        @SuppressWarnings("unchecked")
        List<Row> lines = (List<Row>) row.get("lines");
        output.list(lines, Views.QUOTE_LINE_COLUMNS);
        if (!output.isCsv()) {
          output.out().println();
          output.item(row);
        }
      }
      return 0;
    }
  }
}
