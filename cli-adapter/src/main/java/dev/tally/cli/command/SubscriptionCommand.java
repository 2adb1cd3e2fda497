package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.SubscriptionQuery;
import dev.tally.core.model.SubscriptionStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.SetOverage;
import dev.tally.core.port.in.Subscribe;
import java.math.BigDecimal;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally subscription ...}: an org's subscription to a product, its quota and overage. */
@Command(
    name = "subscription",
    mixinStandardHelpOptions = true,
    description = "Subscribe orgs to products; list, cancel, renew, suspend and resume; overage terms; quota checks.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally subscription list --org acme",
    subcommands = {
      SubscriptionCommand.Create.class,
      SubscriptionCommand.ListSubscriptions.class,
      SubscriptionCommand.Show.class,
      SubscriptionCommand.Cancel.class,
      SubscriptionCommand.Renew.class,
      SubscriptionCommand.Suspend.class,
      SubscriptionCommand.Resume.class,
      SubscriptionCommand.Overage.class,
      SubscriptionCommand.Quota.class
    })
public final class SubscriptionCommand extends CommandGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Subscribe an org to a product and charge the fee to its balance.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription create --product PRODUCT_ID --org acme --user alice --quota 1000 --unit call --fee 5")
  static final class Create extends DatabaseCommand {
    @Option(names = "--product", required = true, paramLabel = "PRODUCT_ID", description = "The product.")
    String product;

    @Option(names = "--org", required = true, description = "The customer org.")
    String org;

    @Option(names = "--user", required = true, description = "The user who subscribes.")
    String user;

    @Option(names = "--mode", description = "Billing mode 1, 2 or 3 (default: the resource's).")
    String mode;

    @Option(names = "--quota", defaultValue = "0", description = "Quota per period (default: ${DEFAULT-VALUE}).")
    String quota;

    @Option(names = "--unit", required = true, description = "The quota's unit: token, call, ...")
    String unit;

    @Option(names = "--period", defaultValue = "P1M", description = "ISO-8601 period: P1M, P1Y, P7D (default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--overage", description = "Allow use beyond the quota, charged to the balance.")
    boolean overage;

    @Option(names = "--overage-price", paramLabel = "PRICE", description = "Price per unit beyond the quota.")
    String overagePrice;

    @Option(names = "--overage-cap", paramLabel = "AMOUNT", description = "Most units beyond the quota per period.")
    String overageCap;

    @Option(names = "--auto-renew", description = "Start a new period (and charge the fee) when one ends.")
    boolean autoRenew;

    @Option(names = "--fee", paramLabel = "AMOUNT", description = "Charged now and at each renewal.")
    String fee;

    @Option(names = "--currency", description = "Currency of fee and price (default: the customer's).")
    String currency;

    @Override
    int run(Tally tally) {
      OrgId customer = OrgId.of(org);
      Currency chosen = currencyFor(tally, customer, currency);
      Unit quotaUnit = Unit.of(unit);
      Subscribe command =
          new Subscribe(
              ProductId.of(product),
              UserId.of(user),
              customer,
              Optional.ofNullable(mode).map(BillingMode::fromCode),
              new Quantity(new BigDecimal(decimal("--quota", quota)), quotaUnit),
              period(period),
              overage,
              Optional.ofNullable(overagePrice).map(price -> UnitPrice.of(price, chosen)),
              Optional.ofNullable(overageCap).map(cap -> new Quantity(new BigDecimal(decimal("--overage-cap", cap)), quotaUnit)),
              autoRenew,
              Optional.ofNullable(fee).map(amount -> Money.of(amount, chosen)));
      output.item(Views.subscription(tally.subscriptions().subscribe(command)));
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List subscriptions, optionally of one org, product or status.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription list --org acme --status active")
  static final class ListSubscriptions extends DatabaseCommand {
    @Option(names = "--org", description = "Only this org's.")
    String org;

    @Option(names = "--product", paramLabel = "PRODUCT_ID", description = "Only this product's.")
    String product;

    @Option(names = "--status", description = "active, suspended, expired or cancelled.")
    String status;

    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      SubscriptionQuery query =
          new SubscriptionQuery(
              Optional.ofNullable(org).map(OrgId::of),
              Optional.ofNullable(product).map(ProductId::of),
              Optional.ofNullable(status).map(SubscriptionStatus::fromCode));
      Page<Subscription> page = tally.subscriptions().subscriptions(query, paging.request());
      output.list(page.items().stream().map(Views::subscription).toList(), Views.SUBSCRIPTION_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  /** A command on one subscription that prints it afterwards. */
  abstract static class OnSubscription extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "SUBSCRIPTION_ID", description = "The subscription's id.")
    String id;

    abstract BiFunction<Tally, SubscriptionId, Subscription> change();

    @Override
    final int run(Tally tally) {
      output.item(Views.subscription(change().apply(tally, SubscriptionId.of(id))));
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a subscription: period, quota used, overage, status.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription show SUBSCRIPTION_ID")
  static final class Show extends OnSubscription {
    @Override
    BiFunction<Tally, SubscriptionId, Subscription> change() {
      return (tally, id) -> tally.subscriptions().subscription(id);
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "End a subscription for good.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription cancel SUBSCRIPTION_ID")
  static final class Cancel extends OnSubscription {
    @Override
    BiFunction<Tally, SubscriptionId, Subscription> change() {
      return (tally, id) -> tally.subscriptions().cancel(id);
    }
  }

  @Command(
      name = "renew",
      mixinStandardHelpOptions = true,
      description = "Start a new period now, with the quota reset, charging the fee.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription renew SUBSCRIPTION_ID")
  static final class Renew extends OnSubscription {
    @Override
    BiFunction<Tally, SubscriptionId, Subscription> change() {
      return (tally, id) -> tally.subscriptions().renew(id);
    }
  }

  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      description = "Suspend a subscription: its uses are refused until resumed.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription suspend SUBSCRIPTION_ID")
  static final class Suspend extends OnSubscription {
    @Override
    BiFunction<Tally, SubscriptionId, Subscription> change() {
      return (tally, id) -> tally.subscriptions().suspend(id);
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a suspended subscription.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription resume SUBSCRIPTION_ID")
  static final class Resume extends OnSubscription {
    @Override
    BiFunction<Tally, SubscriptionId, Subscription> change() {
      return (tally, id) -> tally.subscriptions().resume(id);
    }
  }

  @Command(
      name = "overage",
      mixinStandardHelpOptions = true,
      description = "Set whether use beyond the quota is allowed, its price and its cap.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription overage SUBSCRIPTION_ID --allow --price 0.00003 --cap 50000")
  static final class Overage extends DatabaseCommand {
    @Parameters(paramLabel = "SUBSCRIPTION_ID", description = "The subscription's id.")
    String id;

    @Option(names = "--allow", negatable = true, required = true, description = "Allow overage (--no-allow to stop it).")
    boolean allow;

    @Option(names = "--price", description = "Price per unit beyond the quota (default: the resource's).")
    String price;

    @Option(names = "--cap", description = "Most units beyond the quota per period (default: no cap).")
    String cap;

    @Override
    int run(Tally tally) {
      SubscriptionId subscriptionId = SubscriptionId.of(id);
      Subscription subscription = tally.subscriptions().subscription(subscriptionId);
      Currency currency = subscription.fee().currency();
      SetOverage command =
          new SetOverage(
              subscriptionId,
              allow,
              Optional.ofNullable(price).map(perUnit -> UnitPrice.of(perUnit, currency)),
              Optional.ofNullable(cap)
                  .map(units -> new Quantity(new BigDecimal(decimal("--cap", units)), subscription.quotaUnit())));
      output.item(Views.subscription(tally.subscriptions().setOverage(command)));
      return 0;
    }
  }

  @Command(
      name = "quota",
      mixinStandardHelpOptions = true,
      description = "Whether a use of AMOUNT would be accepted now, and what is left; changes nothing.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally subscription quota SUBSCRIPTION_ID 250")
  static final class Quota extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "SUBSCRIPTION_ID", description = "The subscription's id.")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "AMOUNT", description = "In the quota's unit (default: 0).")
    String amount;

    @Override
    int run(Tally tally) {
      SubscriptionId subscriptionId = SubscriptionId.of(id);
      Unit unit = tally.subscriptions().subscription(subscriptionId).quotaUnit();
      Quantity requested =
          amount == null ? Quantity.zero(unit) : new Quantity(new BigDecimal(decimal("AMOUNT", amount)), unit);
      output.item(Views.quota(tally.subscriptions().checkQuota(subscriptionId, requested)));
      return 0;
    }
  }

  /** A plain decimal, or an error naming the option. */
  static String decimal(String option, String text) {
    if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(option + " must be a decimal number such as 1000 or 0.5, got '" + text + "'");
    }
    return text;
  }

  private static Period period(String text) {
    try {
      return Period.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--period must be an ISO-8601 period such as P1M, P1Y or P7D, got '" + text + "'");
    }
  }
}
