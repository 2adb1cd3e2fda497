package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.core.auth.Role;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateApiKey;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.Subscribe;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The example catalogue of {@code tally demo} and {@code serve --demo}: a reseller ({@code
 * reseller-demo}) selling three products built from an LLM and an upstream API bought from two
 * suppliers, one pricing programme, three customers with balances and credit limits, and one
 * subscription in each billing mode. Loading it twice changes nothing.
 */
final class DemoCatalogue {
  static final OrgId RESELLER = OrgId.of("reseller-demo");
  private static final Currency CNY = Currency.CNY;

  private DemoCatalogue() {}

  /** Loads the catalogue unless it is there; true when it was loaded now. */
  static boolean loadInto(Tally tally) {
    boolean present =
        tally.products()
                .products(
                    new ProductQuery(Optional.of(RESELLER), Optional.empty()), PageRequest.first(1))
                .total()
            > 0;
    if (present) {
      return false;
    }
    OrgId openmind = supplier(tally, "supplier-openmind", "OpenMind Models");
    OrgId apihub = supplier(tally, "supplier-apihub", "API Hub");
    PricingProgram program = tally.pricing().save(llmProgramme());

    // Chat Pro: an LLM priced per million tokens by the programme, sold per use
    Product chat = product(tally, "Chat Pro", "LLM chat completions, pay as you go");
    ProductResource chatModel =
        tally.products()
            .bind(
                new BindResource(
                    chat.id(), ResourceType.LLM, "minimax-m3", BillingMode.PAY_PER_USE, Unit.TOKEN,
                    Optional.empty(), Optional.of(program.id()), Optional.empty()));
    link(tally, chatModel, openmind, "0.000004", 0);
    link(tally, chatModel, apihub, "0.000005", 1);

    // Search API: an upstream API sold by quota of calls
    Product search = product(tally, "Search API", "Web search, 1,000 calls a month");
    ProductResource searchApi =
        tally.products()
            .bind(
                new BindResource(
                    search.id(), ResourceType.UAPI, "web-search", BillingMode.QUOTA, Unit.CALL,
                    Optional.of(UnitPrice.of("0.01", CNY)), Optional.empty(), Optional.empty()));
    link(tally, searchApi, apihub, "0.004", 0);

    // Translate Plus: an LLM sold by quota of tokens, with overage
    Product translate = product(tally, "Translate Plus", "Translation, 100,000 tokens a month and overage");
    ProductResource translateModel =
        tally.products()
            .bind(
                new BindResource(
                    translate.id(), ResourceType.LLM, "translate-1", BillingMode.QUOTA_WITH_OVERAGE,
                    Unit.TOKEN, Optional.of(UnitPrice.of("0.00002", CNY)), Optional.empty(),
                    Optional.empty()));
    link(tally, translateModel, openmind, "0.00001", 0);

    customer(tally, "acme", "100", "50");
    customer(tally, "globex", "20", "0");
    customer(tally, "initech", "500", "100");
    subscribe(tally, chat, "acme", BillingMode.PAY_PER_USE, Quantity.zero(Unit.TOKEN), false, Optional.empty(), "9.9");
    subscribe(tally, search, "globex", BillingMode.QUOTA, Quantity.of(1000, Unit.CALL), false, Optional.empty(), "5");
    subscribe(
        tally, translate, "initech", BillingMode.QUOTA_WITH_OVERAGE, Quantity.of(100_000, Unit.TOKEN),
        true, Optional.of(UnitPrice.of("0.00003", CNY)), "10");
    return true;
  }

  /**
   * The line {@code admin key: <key>} with a new admin key, unless the configuration names one
   * ({@code security.admin_key}), which Tally made usable when it opened.
   */
  static Optional<String> adminKeyLine(Tally tally, TallyConfig config) {
    if (!config.security().adminKey().isEmpty()) {
      return Optional.empty();
    }
    String key =
        tally.credentials()
            .createKey(
                new CreateApiKey(
                    Role.ADMIN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
            .secret();
    return Optional.of("admin key: " + key);
  }

  /** Prompt tokens at 4 CNY and completion tokens at 16 CNY per million, 10% off. */
  private static PricingProgram llmProgramme() {
    return new PricingProgram(
        PricingProgramId.of("pp-llm-standard"),
        "LLM standard",
        CNY,
        new BigDecimal("0.9"),
        List.of(
            new PriceList(
                LocalDate.of(2026, 1, 1),
                Optional.empty(),
                Map.of("百万", new BigDecimal("1000000")),
                List.of(
                    new PriceLine(
                        List.of("prompt_tokens", "completion_tokens"),
                        List.of(new BigDecimal("4"), new BigDecimal("16")),
                        "百万",
                        List.of())))),
        1);
  }

  private static OrgId supplier(Tally tally, String org, String name) {
    OrgId id = OrgId.of(org);
    tally.products().createSupplier(new CreateSupplier(id, name));
    return id;
  }

  private static Product product(Tally tally, String name, String description) {
    return tally.products()
        .createProduct(new CreateProduct(name, RESELLER, description, ProductStatus.PUBLISHED));
  }

  private static void link(Tally tally, ProductResource resource, OrgId supplier, String cost, int priority) {
    tally.products()
        .linkSupplier(new LinkSupplier(resource.id(), supplier, UnitPrice.of(cost, CNY), priority));
  }

  private static void customer(Tally tally, String org, String balance, String creditLimit) {
    OrgId id = OrgId.of(org);
    tally.balances().recharge(new Recharge(id, Money.of(balance, CNY), Optional.of("demo-opening"), "demo"));
    tally.balances().setCreditLimit(id, Money.of(creditLimit, CNY));
  }

  private static void subscribe(
      Tally tally,
      Product product,
      String org,
      BillingMode mode,
      Quantity quota,
      boolean overage,
      Optional<UnitPrice> overagePrice,
      String fee) {
    tally.subscriptions()
        .subscribe(
            new Subscribe(
                product.id(), UserId.of(org + "-admin"), OrgId.of(org), Optional.of(mode), quota,
                Period.ofMonths(1), overage, overagePrice, Optional.empty(), true,
                Optional.of(Money.of(fee, CNY))));
  }
}
