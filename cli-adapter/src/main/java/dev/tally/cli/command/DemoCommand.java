package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code tally demo}: loads the example catalogue into the configured database. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Load a small example catalogue: two suppliers, products with LLM and API resources, a"
          + " pricing programme, customers with balances and credit limits, and one subscription"
          + " in each billing mode. Prints an admin key unless security.admin_key is configured."
    },
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally demo && tally product list --owner reseller-demo")
public final class DemoCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var loaded = config.load().withoutBackgroundWork();
    try (Tally tally = Tally.open(loaded)) {
      boolean added = DemoCatalogue.loadInto(tally);
      out.println(added ? "demo catalogue loaded" : "demo catalogue already present");
      DemoCatalogue.adminKeyLine(tally, loaded).ifPresent(out::println);
    }
    return 0;
  }
}
