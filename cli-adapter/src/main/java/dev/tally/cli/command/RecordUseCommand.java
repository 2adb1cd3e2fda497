package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.UseCommand;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tally use}: meters and charges one use ({@code product_use}), as {@code POST
 * /api/v1/usage} does. The source ref is the idempotency key: the same use again is a replay.
 */
@Command(
    name = "use",
    mixinStandardHelpOptions = true,
    description = {
      "Record one use of a product and charge it (quota, overage or balance), once per source ref.",
      "The same --source-table/--source-id again replays the first result and charges nothing."
    },
    footerHeading = CommandGroup.EXAMPLE,
    footer = {
      "  tally use --product PRODUCT_ID --org acme --user alice --amount 1500 --unit token \\",
      "      --usage prompt_tokens=1200 --usage completion_tokens=300 \\",
      "      --source-table chat_request --source-id req-0001"
    })
public final class RecordUseCommand extends DatabaseCommand {
  @Option(names = "--product", paramLabel = "PRODUCT_ID", description = "The product used (or --subscription).")
  String product;

  @Option(names = "--subscription", paramLabel = "SUBSCRIPTION_ID", description = "The subscription the use counts against.")
  String subscription;

  @Option(names = "--org", required = true, description = "The customer org that pays.")
  String org;

  @Option(names = "--user", required = true, description = "The org's user who used it.")
  String user;

  @Option(names = "--type", description = "The resource type used, when the product has several.")
  String type;

  @Option(names = "--resource", paramLabel = "RESOURCE_ID", description = "The binding used, when the product has several.")
  String resource;

  @Option(names = "--amount", required = true, description = "How much was used, in --unit.")
  String amount;

  @Option(names = "--unit", required = true, description = "token, call, second, ...")
  String unit;

  @Option(names = "--usage", paramLabel = "FACTOR=COUNT", description = "A usage count the pricing programme prices (repeatable).")
  Map<String, String> usage = new LinkedHashMap<>();

  @Option(names = "--attr", paramLabel = "NAME=VALUE", description = "A request attribute price filters match (repeatable).")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(names = "--supplier", paramLabel = "ORG", description = "The supplier that served it (default: the supplier rule).")
  String supplier;

  @Option(names = "--source-table", required = true, description = "Where the use comes from, e.g. chat_request.")
  String sourceTable;

  @Option(names = "--source-id", required = true, description = "Its id there: the idempotency key with --source-table.")
  String sourceId;

  @Option(names = "--time", paramLabel = "INSTANT", description = "When it happened (ISO-8601 UTC; default: now).")
  Instant time;

  @Override
  int run(Tally tally) {
    Map<String, BigDecimal> counts = new LinkedHashMap<>();
    usage.forEach((factor, count) -> counts.put(factor, new BigDecimal(SubscriptionCommand.decimal("--usage " + factor, count))));
    UseCommand command =
        new UseCommand(
            Optional.ofNullable(product).map(ProductId::of),
            Optional.ofNullable(subscription).map(SubscriptionId::of),
            UserId.of(user),
            OrgId.of(org),
            Optional.ofNullable(type).map(ResourceType::fromCode),
            Optional.ofNullable(resource).map(ProductResourceId::of),
            new Quantity(new BigDecimal(SubscriptionCommand.decimal("--amount", amount)), Unit.of(unit)),
            counts,
            attributes,
            Optional.ofNullable(supplier).map(OrgId::of),
            SourceRef.of(sourceTable, sourceId),
            Optional.ofNullable(time));
    UseResult result = tally.metering().use(command);
    output.item(Views.usage(result.usage()).put("replayed", result.replayed()));
    return 0;
  }
}
