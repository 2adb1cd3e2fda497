package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally product ...}: products and the resources bound into them. */
@Command(
    name = "product",
    mixinStandardHelpOptions = true,
    description = "Create, list and show products; publish or retire them; bind and unbind resources.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally product list --owner reseller-demo",
    subcommands = {
      ProductCommand.Create.class,
      ProductCommand.ListProducts.class,
      ProductCommand.Show.class,
      ProductCommand.Status.class,
      ProductCommand.Bind.class,
      ProductCommand.Unbind.class,
      ProductCommand.Resources.class
    })
public final class ProductCommand extends CommandGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a product of a reseller (draft unless --status says otherwise).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product create --name \"Vision\" --owner reseller-demo --status published")
  static final class Create extends DatabaseCommand {
    @Option(names = "--name", required = true, description = "The product's name.")
    String name;

    @Option(names = "--owner", required = true, paramLabel = "ORG", description = "The reseller that sells it.")
    String owner;

    @Option(names = "--description", defaultValue = "", description = "What it is.")
    String description;

    @Option(names = "--status", defaultValue = "draft", description = "draft, published or retired (default: ${DEFAULT-VALUE}).")
    String status;

    @Override
    int run(Tally tally) {
      Product product =
          tally.products()
              .createProduct(new CreateProduct(name, OrgId.of(owner), description, ProductStatus.fromCode(status)));
      output.item(Views.product(product));
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List products, optionally of one reseller or one status.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product list --owner reseller-demo --status published")
  static final class ListProducts extends DatabaseCommand {
    @Option(names = "--owner", paramLabel = "ORG", description = "Only this reseller's products.")
    String owner;

    @Option(names = "--status", description = "Only products in this status.")
    String status;

    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      ProductQuery query =
          new ProductQuery(
              Optional.ofNullable(owner).map(OrgId::of), Optional.ofNullable(status).map(ProductStatus::fromCode));
      Page<Product> page = tally.products().products(query, paging.request());
      output.list(page.items().stream().map(Views::product).toList(), Views.PRODUCT_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a product.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product show PRODUCT_ID")
  static final class Show extends DatabaseCommand {
    @Parameters(paramLabel = "PRODUCT_ID", description = "The product's id.")
    String id;

    @Override
    int run(Tally tally) {
      output.item(Views.product(tally.products().product(ProductId.of(id))));
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Publish a product, retire it, or return it to draft.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product status PRODUCT_ID retired")
  static final class Status extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "PRODUCT_ID", description = "The product's id.")
    String id;

    @Parameters(index = "1", paramLabel = "STATUS", description = "draft, published or retired.")
    String status;

    @Override
    int run(Tally tally) {
      output.item(Views.product(tally.products().setProductStatus(ProductId.of(id), ProductStatus.fromCode(status))));
      return 0;
    }
  }

  @Command(
      name = "bind",
      mixinStandardHelpOptions = true,
      description = {
        "Bind a resource (an LLM model, an upstream API, ...) into a product, with its billing mode"
            + " and its sell price: a unit price, or a pricing programme."
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product bind PRODUCT_ID --type llm --ref vision-1 --mode 1 --unit token --unit-price 0.00003")
  static final class Bind extends DatabaseCommand {
    @Parameters(paramLabel = "PRODUCT_ID", description = "The product's id.")
    String id;

    @Option(names = "--type", required = true, description = "llm, uapi, rag, storage, compute or other.")
    String type;

    @Option(names = "--ref", required = true, paramLabel = "RESOURCE_REF_ID", description = "The resource's id upstream (a model id, an API id).")
    String ref;

    @Option(names = "--mode", required = true, description = "Billing mode: 1 pay per use, 2 quota, 3 quota with overage.")
    String mode;

    @Option(names = "--unit", required = true, description = "The unit of use: token, call, second, byte, image, ...")
    String unit;

    @Option(names = "--unit-price", paramLabel = "PRICE", description = "Sell price per unit (up to 8 decimals).")
    String unitPrice;

    @Option(names = "--program", paramLabel = "PROGRAM_ID", description = "The pricing programme that prices each use instead.")
    String program;

    @Option(names = "--min-balance", paramLabel = "AMOUNT", description = "Refuse uses when available money would fall below this.")
    String minBalance;

    @Option(names = "--currency", description = "Currency of the prices (default: billing.default_currency).")
    String currency;

    @Override
    int run(Tally tally) {
      Currency chosen = currency == null ? loaded().billing().defaultCurrency() : Currency.of(currency);
      BindResource command =
          new BindResource(
              ProductId.of(id),
              ResourceType.fromCode(type),
              ref,
              BillingMode.fromCode(mode),
              Unit.of(unit),
              Optional.ofNullable(unitPrice).map(price -> UnitPrice.of(price, chosen)),
              Optional.ofNullable(program).map(PricingProgramId::of),
              Optional.ofNullable(minBalance).map(amount -> Money.of(amount, chosen)));
      output.item(Views.resource(tally.products().bind(command)));
      return 0;
    }
  }

  @Command(
      name = "unbind",
      mixinStandardHelpOptions = true,
      description = {
        "Unbind a resource from a product; its usage history stays.",
        "Refused while it is the last resource of a product with current subscriptions, unless --force."
      },
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product unbind PRODUCT_ID RESOURCE_ID")
  static final class Unbind extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "PRODUCT_ID", description = "The product's id.")
    String id;

    @Parameters(index = "1", paramLabel = "RESOURCE_ID", description = "The binding's id (product_resource_id).")
    String resource;

    @Option(names = "--force", description = "Unbind even the last resource of a subscribed product.")
    boolean force;

    @Override
    int run(Tally tally) {
      ProductResource unbound = tally.products().unbind(ProductId.of(id), ProductResourceId.of(resource), force);
      output.item(Views.resource(unbound));
      return 0;
    }
  }

  @Command(
      name = "resources",
      mixinStandardHelpOptions = true,
      description = "List a product's resources, bound and unbound.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally product resources PRODUCT_ID")
  static final class Resources extends DatabaseCommand {
    @Parameters(paramLabel = "PRODUCT_ID", description = "The product's id.")
    String id;

    @Override
    int run(Tally tally) {
      output.list(
          tally.products().resources(ProductId.of(id)).stream().map(Views::resource).toList(), Views.RESOURCE_COLUMNS);
      return 0;
    }
  }
}
