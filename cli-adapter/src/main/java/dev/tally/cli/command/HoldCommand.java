package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.ReserveHold;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally hold ...}: reserve part of a balance for a long call, then settle or void it. */
@Command(
    name = "hold",
    mixinStandardHelpOptions = true,
    description = "Reserve part of a balance (a hold), then settle it with the actual amount or void it.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally hold create acme 5 --user alice --product PRODUCT_ID --ttl 600",
    subcommands = {HoldCommand.Create.class, HoldCommand.Show.class, HoldCommand.Settle.class, HoldCommand.VoidHold.class})
public final class HoldCommand extends CommandGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Reserve an amount of a customer's balance for a while (released when it expires).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally hold create acme 5 --user alice --product PRODUCT_ID --ttl 600")
  static final class Create extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ORG", description = "The customer org.")
    String org;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "How much to reserve.")
    String amount;

    @Option(names = "--user", required = true, description = "The user making the call.")
    String user;

    @Option(names = "--product", required = true, paramLabel = "PRODUCT_ID", description = "The product called.")
    String product;

    @Option(names = "--ttl", defaultValue = "300", paramLabel = "SECONDS", description = "How long it holds (default: ${DEFAULT-VALUE} s).")
    long ttlSeconds;

    @Override
    void check() {
      if (ttlSeconds <= 0) {
        throw new IllegalArgumentException("--ttl must be a positive number of seconds");
      }
    }

    @Override
    int run(Tally tally) {
      OrgId customer = OrgId.of(org);
      Money money = Money.of(amount, currencyFor(tally, customer, null));
      Hold hold =
          tally.holds()
              .reserve(new ReserveHold(customer, UserId.of(user), ProductId.of(product), money, Duration.ofSeconds(ttlSeconds)));
      output.item(Views.hold(hold));
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a hold and its outcome.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally hold show HOLD_ID")
  static final class Show extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "HOLD_ID", description = "The hold's id.")
    String id;

    @Override
    int run(Tally tally) {
      output.item(Views.hold(tally.holds().hold(HoldId.of(id))));
      return 0;
    }
  }

  @Command(
      name = "settle",
      mixinStandardHelpOptions = true,
      description = "Charge the actual amount (at most the held one) and release the rest.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally hold settle HOLD_ID 3.2")
  static final class Settle extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "HOLD_ID", description = "The hold's id.")
    String id;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "What the call really cost.")
    String amount;

    @Override
    int run(Tally tally) {
      HoldId hold = HoldId.of(id);
      Money actual = Money.of(amount, tally.holds().hold(hold).amount().currency());
      output.item(Views.hold(tally.holds().settle(hold, actual)));
      return 0;
    }
  }

  @Command(
      name = "void",
      mixinStandardHelpOptions = true,
      description = "Release the whole hold without a charge.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally hold void HOLD_ID")
  static final class VoidHold extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "HOLD_ID", description = "The hold's id.")
    String id;

    @Override
    int run(Tally tally) {
      output.item(Views.hold(tally.holds().voidHold(HoldId.of(id))));
      return 0;
    }
  }
}
