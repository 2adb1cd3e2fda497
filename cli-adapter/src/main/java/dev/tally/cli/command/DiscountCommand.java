package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.SetDiscount;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tally discount set|show|list|remove}: the discount a reseller gives a customer org, a
 * multiplier of each use's charge applied after the pricing programme's discount.
 */
@Command(
    name = "discount",
    mixinStandardHelpOptions = true,
    description = "Set, show, list and remove customer discounts (per reseller and customer org).",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally discount set reseller-demo acme 0.95",
    subcommands = {
      DiscountCommand.Set.class,
      DiscountCommand.Show.class,
      DiscountCommand.ListDiscounts.class,
      DiscountCommand.Remove.class
    })
public final class DiscountCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The reseller and customer org a discount belongs to. */
  static final class Owners {
    @Parameters(index = "0", paramLabel = "RESELLER", description = "The reseller (a product's owner org).")
    String reseller;

    @Parameters(index = "1", paramLabel = "ORG", description = "The customer org.")
    String org;

    OrgId reseller() {
      return OrgId.of(reseller);
    }

    OrgId org() {
      return OrgId.of(org);
    }
  }

  /** {@code tally discount set RESELLER ORG MULTIPLIER}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set (or replace) a discount: a multiplier from 0 to 1, e.g. 0.95 for 5%% off.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally discount set reseller-demo acme 0.95")
  static final class Set implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Owners owners;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "2", paramLabel = "MULTIPLIER", description = "From 0 to 1, at most 6 decimals.")
    BigDecimal multiplier;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      // checked before the database is opened: a mistyped command touches nothing
      SetDiscount command = new SetDiscount(owners.reseller(), owners.org(), multiplier);
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        print(spec.commandLine().getOut(), tally.discounts().set(command), json);
      }
      return 0;
    }
  }

  /** {@code tally discount show RESELLER ORG}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a discount.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally discount show reseller-demo acme")
  static final class Show implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Owners owners;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        print(
            spec.commandLine().getOut(),
            tally.discounts().discount(owners.reseller(), owners.org()),
            json);
      }
      return 0;
    }
  }

  /** {@code tally discount list [--reseller R] [--org O]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List discounts.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally discount list")
  static final class ListDiscounts implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reseller", description = "Only this reseller's discounts.")
    String reseller;

    @Option(names = "--org", description = "Only this customer org's discounts.")
    String org;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        out.printf(Locale.ROOT, "%-32s  %-32s  %-10s  %s%n", "RESELLER", "ORG", "DISCOUNT", "UPDATED");
        for (CustomerDiscount discount :
            tally
                .discounts()
                .discounts(
                    Optional.ofNullable(reseller).map(OrgId::of),
                    Optional.ofNullable(org).map(OrgId::of),
                    new PageRequest(1, PageRequest.MAX_SIZE))
                .items()) {
          out.printf(
              Locale.ROOT,
              "%-32s  %-32s  %-10s  %s%n",
              discount.resellerOrgId(),
              discount.customerOrgId(),
              discount.multiplier().toPlainString(),
              discount.updatedAt());
        }
      }
      return 0;
    }
  }

  /** {@code tally discount remove RESELLER ORG}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a discount: later uses are charged in full.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally discount remove reseller-demo acme")
  static final class Remove implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Owners owners;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Tally tally = Tally.open(config.load().withoutBackgroundWork())) {
        tally.discounts().remove(owners.reseller(), owners.org());
      }
      spec.commandLine()
          .getOut()
          .println("removed the discount of " + owners.org() + " with " + owners.reseller());
      return 0;
    }
  }

  private static void print(PrintWriter out, CustomerDiscount discount, boolean json) {
    if (json) {
      out.printf(
          "{\"reseller_org_id\":\"%s\",\"user_org_id\":\"%s\",\"discount\":\"%s\",\"updated_at\":\"%s\"}%n",
          discount.resellerOrgId(),
          discount.customerOrgId(),
          discount.multiplier().toPlainString(),
          discount.updatedAt());
    } else {
      out.println("reseller: " + discount.resellerOrgId());
      out.println("org: " + discount.customerOrgId());
      out.println("discount: " + discount.multiplier().toPlainString());
      out.println("updated: " + discount.updatedAt());
    }
  }
}
