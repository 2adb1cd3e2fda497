package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.port.in.Adjust;
import dev.tally.core.port.in.Recharge;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally balance ...}: customer balances (one per org), read and moved. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = "Show, list, recharge and adjust customer balances; credit limits; suspension.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally balance show acme",
    subcommands = {
      BalanceCommand.Show.class,
      BalanceCommand.ListBalances.class,
      BalanceCommand.RechargeBalance.class,
      BalanceCommand.AdjustBalance.class,
      BalanceCommand.CreditLimit.class,
      BalanceCommand.Suspend.class,
      BalanceCommand.Resume.class
    })
public final class BalanceCommand extends CommandGroup {

  /** A command on one customer's balance. */
  abstract static class OnCustomer extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ORG", description = "The customer org.")
    String org;

    OrgId org() {
      return OrgId.of(org);
    }

    @Override
    final int run(Tally tally) {
      output.item(Views.balance(change(tally)));
      return 0;
    }

    abstract CustomerBalance change(Tally tally);
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a customer's balance, credit limit, held and available amounts.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance show acme --json")
  static final class Show extends OnCustomer {
    @Override
    CustomerBalance change(Tally tally) {
      return tally.balances().balance(org());
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List balances, optionally only those of one status.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance list --status arrears --csv")
  static final class ListBalances extends DatabaseCommand {
    @Option(names = "--status", description = "active, suspended or arrears.")
    String status;

    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      Optional<BalanceStatus> chosen = Optional.ofNullable(status).map(BalanceStatus::fromCode);
      Page<CustomerBalance> page = tally.balances().balances(chosen, paging.request());
      output.list(page.items().stream().map(Views::balance).toList(), Views.BALANCE_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  @Command(
      name = "recharge",
      mixinStandardHelpOptions = true,
      description = {
        "Add money to a customer's balance (opening it on first use).",
        "With --reference, recharging again under the same reference changes nothing."
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance recharge acme 50 --reference invoice-2026-001")
  static final class RechargeBalance extends OnCustomer {
    @Parameters(index = "1", paramLabel = "AMOUNT", description = "A positive decimal, up to 6 decimals.")
    String amount;

    @Option(names = "--currency", description = "The amount's currency (default: the customer's, else billing.default_currency).")
    String currency;

    @Option(names = "--reference", description = "The payment's reference: an idempotency key.")
    String reference;

    @Option(names = "--memo", defaultValue = "recharge", description = "A note in the ledger (default: ${DEFAULT-VALUE}).")
    String memo;

    @Override
    CustomerBalance change(Tally tally) {
      Money money = Money.of(amount, currencyFor(tally, org(), currency));
      return tally.balances().recharge(new Recharge(org(), money, Optional.ofNullable(reference), memo));
    }
  }

  @Command(
      name = "adjust",
      mixinStandardHelpOptions = true,
      description = "Correct a balance by a signed amount, with a reason kept in the ledger.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance adjust acme -- -2.5 --reason \"duplicate charge of 2026-03-02\"")
  static final class AdjustBalance extends OnCustomer {
    @Parameters(index = "1", paramLabel = "AMOUNT", description = "A signed decimal (after --, when negative).")
    String amount;

    @Option(names = "--reason", required = true, description = "Why, for the ledger.")
    String reason;

    @Option(names = "--currency", description = "The amount's currency (default: the customer's).")
    String currency;

    @Override
    CustomerBalance change(Tally tally) {
      Money money = Money.of(amount, currencyFor(tally, org(), currency));
      return tally.balances().adjust(new Adjust(org(), money, reason));
    }
  }

  @Command(
      name = "credit-limit",
      mixinStandardHelpOptions = true,
      description = "Set how far below zero the balance may go (0 for prepaid only).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance credit-limit acme 200")
  static final class CreditLimit extends OnCustomer {
    @Parameters(index = "1", paramLabel = "LIMIT", description = "Zero or a positive decimal.")
    String limit;

    @Option(names = "--currency", description = "The limit's currency (default: the customer's).")
    String currency;

    @Override
    CustomerBalance change(Tally tally) {
      return tally.balances().setCreditLimit(org(), Money.of(limit, currencyFor(tally, org(), currency)));
    }
  }

  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      description = "Suspend a customer: every charge is refused until resumed.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance suspend globex")
  static final class Suspend extends OnCustomer {
    @Override
    CustomerBalance change(Tally tally) {
      return tally.balances().suspend(org());
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Lift a suspension.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally balance resume globex")
  static final class Resume extends OnCustomer {
    @Override
    CustomerBalance change(Tally tally) {
      return tally.balances().resume(org());
    }
  }
}
