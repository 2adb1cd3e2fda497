package dev.tally.http.route;

import dev.tally.core.port.in.Sync;
import dev.tally.core.service.TallyCore;
import dev.tally.http.HealthProbe;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.function.Consumer;

/** Every route of the API, by area; the one list the server registers. */
public final class RouteGroups {
  /** Routes served without credentials. */
  private static final Set<String> PUBLIC =
      Set.of(Api.path("/health"), Api.path("/openapi.json"));

  private RouteGroups() {}

  /** Routes whose body is JSON lines, one object a line, rather than one JSON document. */
  private static final Set<String> JSON_LINES = Set.of(AppRoutes.IMPORT);

  public static boolean isPublic(String path) {
    return PUBLIC.contains(path);
  }

  public static boolean takesJsonLines(String path) {
    return JSON_LINES.contains(path);
  }

  /**
   * Registers every route.
   *
   * @param sync the sync use cases (the composition root may measure them)
   * @param useOutcomes counts each product_use outcome by code, for metrics
   */
  public static void register(
      RoutesConfig routes,
      TallyCore core,
      HealthProbe health,
      Sync sync,
      PrometheusMeterRegistry metrics,
      Consumer<String> useOutcomes) {
    new HealthRoutes(health, metrics).register(routes);
    CustomerCurrency currencies =
        new CustomerCurrency(core.balances(), core.settings().defaultCurrency());
    new BalanceRoutes(core.balances(), currencies).register(routes);
    new HoldRoutes(core.holds(), currencies).register(routes);
    new AccountingRoutes(core.ledger()).register(routes);
    new PricingRoutes(core.pricing()).register(routes);
    new ProductRoutes(core.products()).register(routes);
    new SubscriptionRoutes(core.subscriptions()).register(routes);
    new UsageRoutes(core.metering(), useOutcomes).register(routes);
    new DiscountRoutes(core.discounts()).register(routes);
    new CatalogRoutes(sync).register(routes);
    new SyncRoutes(sync).register(routes);
    new CodeSetRoutes(core.codeSets()).register(routes);
    new AppRoutes(core.credentials()).register(routes);
  }
}
