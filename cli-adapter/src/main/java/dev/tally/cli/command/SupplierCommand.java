package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.UpdateSupplierLink;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally supplier ...}: suppliers and which bound resources they serve, at what cost. */
@Command(
    name = "supplier",
    mixinStandardHelpOptions = true,
    description = "Create and list suppliers; link them to bound resources with a unit cost and priority.",
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally supplier links RESOURCE_ID",
    subcommands = {
      SupplierCommand.Create.class,
      SupplierCommand.ListSuppliers.class,
      SupplierCommand.Status.class,
      SupplierCommand.Link.class,
      SupplierCommand.UpdateLink.class,
      SupplierCommand.Unlink.class,
      SupplierCommand.Links.class
    })
public final class SupplierCommand extends CommandGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Register a supplier org.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier create supplier-visionhub --name \"Vision Hub\"")
  static final class Create extends DatabaseCommand {
    @Parameters(paramLabel = "ORG", description = "The supplier's org id.")
    String org;

    @Option(names = "--name", required = true, description = "The supplier's name.")
    String name;

    @Override
    int run(Tally tally) {
      output.item(Views.supplier(tally.products().createSupplier(new CreateSupplier(OrgId.of(org), name))));
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List suppliers.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier list --csv")
  static final class ListSuppliers extends DatabaseCommand {
    @Mixin Paging paging;

    @Override
    int run(Tally tally) {
      Page<Supplier> page = tally.products().suppliers(paging.request());
      output.list(page.items().stream().map(Views::supplier).toList(), Views.SUPPLIER_COLUMNS);
      Paging.footer(output, page);
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Activate or deactivate a supplier (an inactive one serves no use).",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier status supplier-apihub inactive")
  static final class Status extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ORG", description = "The supplier's org id.")
    String org;

    @Parameters(index = "1", paramLabel = "STATUS", description = "active or inactive.")
    String status;

    @Override
    int run(Tally tally) {
      Supplier changed = tally.products().setSupplierStatus(OrgId.of(org), SupplierStatus.fromCode(status));
      output.item(Views.supplier(changed));
      return 0;
    }
  }

  @Command(
      name = "link",
      mixinStandardHelpOptions = true,
      description = "Let a supplier serve a bound resource at a unit cost; lower priority is chosen first.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier link RESOURCE_ID supplier-apihub --unit-cost 0.000004 --priority 2")
  static final class Link extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "RESOURCE_ID", description = "The binding's id (product_resource_id).")
    String resource;

    @Parameters(index = "1", paramLabel = "ORG", description = "The supplier's org id.")
    String org;

    @Option(names = "--unit-cost", required = true, paramLabel = "COST", description = "What the supplier charges per unit.")
    String unitCost;

    @Option(names = "--priority", defaultValue = "0", description = "Lower is chosen first (default: ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--currency", description = "Currency of the cost (default: billing.default_currency).")
    String currency;

    @Override
    int run(Tally tally) {
      Currency chosen = currency == null ? loaded().billing().defaultCurrency() : Currency.of(currency);
      LinkSupplier command =
          new LinkSupplier(ProductResourceId.of(resource), OrgId.of(org), UnitPrice.of(unitCost, chosen), priority);
      output.item(Views.link(tally.products().linkSupplier(command)));
      return 0;
    }
  }

  @Command(
      name = "update-link",
      mixinStandardHelpOptions = true,
      description = "Change a link's unit cost, priority or status.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier update-link RESOURCE_ID supplier-apihub --priority 0")
  static final class UpdateLink extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "RESOURCE_ID", description = "The binding's id.")
    String resource;

    @Parameters(index = "1", paramLabel = "ORG", description = "The supplier's org id.")
    String org;

    @Option(names = "--unit-cost", paramLabel = "COST", description = "The new unit cost.")
    String unitCost;

    @Option(names = "--priority", description = "The new priority.")
    Integer priority;

    @Option(names = "--status", description = "active or inactive.")
    String status;

    @Option(names = "--currency", description = "Currency of the cost (default: billing.default_currency).")
    String currency;

    @Override
    int run(Tally tally) {
      Currency chosen = currency == null ? loaded().billing().defaultCurrency() : Currency.of(currency);
      UpdateSupplierLink command =
          new UpdateSupplierLink(
              ProductResourceId.of(resource),
              OrgId.of(org),
              Optional.ofNullable(unitCost).map(cost -> UnitPrice.of(cost, chosen)),
              Optional.ofNullable(priority),
              Optional.ofNullable(status).map(LinkStatus::fromCode));
      output.item(Views.link(tally.products().updateSupplierLink(command)));
      return 0;
    }
  }

  @Command(
      name = "unlink",
      mixinStandardHelpOptions = true,
      description = "Stop a supplier serving a bound resource.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier unlink RESOURCE_ID supplier-apihub")
  static final class Unlink extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "RESOURCE_ID", description = "The binding's id.")
    String resource;

    @Parameters(index = "1", paramLabel = "ORG", description = "The supplier's org id.")
    String org;

    @Override
    int run(Tally tally) {
      tally.products().unlinkSupplier(ProductResourceId.of(resource), OrgId.of(org));
      output.item(Row.of().put("product_resource_id", resource).put("supplier_org_id", org).put("unlinked", true));
      return 0;
    }
  }

  @Command(
      name = "links",
      mixinStandardHelpOptions = true,
      description = "List the suppliers of a bound resource, in the order they are chosen.",
      footerHeading = CommandGroup.EXAMPLE,
      footer = "  tally supplier links RESOURCE_ID")
  static final class Links extends DatabaseCommand {
    @Parameters(paramLabel = "RESOURCE_ID", description = "The binding's id.")
    String resource;

    @Override
    int run(Tally tally) {
      output.list(
          tally.products().supplierLinks(ProductResourceId.of(resource)).stream().map(Views::link).toList(),
          Views.LINK_COLUMNS);
      return 0;
    }
  }
}
