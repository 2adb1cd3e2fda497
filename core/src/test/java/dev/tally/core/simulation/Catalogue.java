package dev.tally.core.simulation;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.UpdateSupplierLink;
import dev.tally.core.port.in.UseCommand;
import dev.tally.core.service.TallyCore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The catalogue of one simulated world, made through the public use cases from the seed's random
 * numbers: two resellers, three suppliers (one inactive), two or three published products each with
 * a pay-per-use LLM resource (the first one priced by a pricing programme), a quota API resource
 * and a quota-with-overage compute resource, and supplier links of mixed priorities, costs and
 * statuses. It is also the simulation's own oracle for sell prices and supplier choice, computed
 * from the terms it bound rather than by calling Tally. Not thread-safe.
 */
final class Catalogue {
  static final Currency CNY = Currency.CNY;
  static final Unit TOKEN = Unit.TOKEN;
  static final Unit CALL = Unit.CALL;
  static final Unit SECOND = Unit.of("second");
  static final PricingProgramId PROGRAM = PricingProgramId.of("prog-llm");
  static final String MILLION = "百万";
  static final String THOUSAND = "千";
  static final List<String> MODELS = List.of("m-large", "m-small", "m-unknown");

  /** A supplier link as bound: who, at what cost, in which order, and whether it may serve. */
  record Link(OrgId supplier, UnitPrice unitCost, int priority, boolean active) {}

  private final List<Product> products = new ArrayList<>();
  private final Map<ProductId, List<ProductResource>> resources = new LinkedHashMap<>();
  private final Map<ProductResourceId, List<Link>> links = new LinkedHashMap<>();
  private final Map<OrgId, Boolean> supplierActive = new LinkedHashMap<>();
  private PricingProgram program;

  private Catalogue() {}

  static Catalogue build(TallyCore core, Random random) {
    Catalogue catalogue = new Catalogue();
    catalogue.suppliers(core, random);
    catalogue.program = program(random);
    core.pricing().save(catalogue.program);
    List<OrgId> resellers = List.of(OrgId.of("reseller-a"), OrgId.of("reseller-b"));
    int productCount = 2 + random.nextInt(2);
    for (int i = 0; i < productCount; i++) {
      Product product =
          core.products()
              .createProduct(
                  new CreateProduct(
                      "product " + i,
                      resellers.get(random.nextInt(resellers.size())),
                      "",
                      ProductStatus.PUBLISHED));
      catalogue.products.add(product);
      List<ProductResource> bound = new ArrayList<>();
      bound.add(
          bind(
              core,
              product,
              ResourceType.LLM,
              "llm-" + i,
              BillingMode.PAY_PER_USE,
              TOKEN,
              i == 0 ? Optional.empty() : Optional.of(unitPrice(random, 1_000_000)),
              i == 0 ? Optional.of(PROGRAM) : Optional.empty(),
              Optional.empty()));
      bound.add(
          bind(
              core,
              product,
              ResourceType.UAPI,
              "api-" + i,
              BillingMode.QUOTA,
              CALL,
              Optional.of(unitPrice(random, 200_000_000)),
              Optional.empty(),
              Optional.empty()));
      bound.add(
          bind(
              core,
              product,
              ResourceType.COMPUTE,
              "gpu-" + i,
              BillingMode.QUOTA_WITH_OVERAGE,
              SECOND,
              Optional.of(unitPrice(random, 5_000_000)),
              Optional.empty(),
              i == 1
                  ? Optional.of(new Money(BigDecimal.valueOf(1 + random.nextInt(20)), CNY))
                  : Optional.empty()));
      catalogue.resources.put(product.id(), List.copyOf(bound));
      for (ProductResource resource : bound) {
        catalogue.link(core, random, resource);
      }
    }
    return catalogue;
  }

  private void suppliers(TallyCore core, Random random) {
    int inactive = random.nextInt(3);
    for (int i = 0; i < 3; i++) {
      OrgId supplier = OrgId.of("sup-" + (i + 1));
      core.products().createSupplier(new CreateSupplier(supplier, "Supplier " + (i + 1)));
      if (i == inactive) {
        core.products().setSupplierStatus(supplier, SupplierStatus.INACTIVE);
      }
      supplierActive.put(supplier, i != inactive);
    }
  }

  private static ProductResource bind(
      TallyCore core,
      Product product,
      ResourceType type,
      String ref,
      BillingMode mode,
      Unit unit,
      Optional<UnitPrice> price,
      Optional<PricingProgramId> program,
      Optional<Money> minBalance) {
    return core.products()
        .bind(new BindResource(product.id(), type, ref, mode, unit, price, program, minBalance));
  }

  /** Links each supplier with a 75% chance; a tenth of the links are then made inactive. */
  private void link(TallyCore core, Random random, ProductResource resource) {
    List<Link> made = new ArrayList<>();
    for (OrgId supplier : supplierActive.keySet()) {
      if (random.nextInt(100) >= 75) {
        continue;
      }
      long maxCost =
          resource.pricingProgramId().isPresent()
              ? 2_000
              : resource.unitPrice().orElseThrow().perUnit().movePointRight(8).longValueExact();
      UnitPrice cost = unitPrice(random, (int) Math.max(1, Math.min(maxCost, Integer.MAX_VALUE)));
      int priority = random.nextInt(3);
      core.products().linkSupplier(new LinkSupplier(resource.id(), supplier, cost, priority));
      boolean active = random.nextInt(10) != 0;
      if (!active) {
        core.products()
            .updateSupplierLink(
                new UpdateSupplierLink(
                    resource.id(),
                    supplier,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(LinkStatus.INACTIVE)));
      }
      made.add(new Link(supplier, cost, priority, active));
    }
    links.put(resource.id(), List.copyOf(made));
  }

  /** A unit price of 0.00000001 up to {@code maxUnits} hundred-millionths. */
  static UnitPrice unitPrice(Random random, int maxUnits) {
    return new UnitPrice(BigDecimal.valueOf(1 + random.nextInt(maxUnits), 8), CNY);
  }

  /**
   * The LLM programme: a first list for March 2026 (with a flat line and a per-thousand-token line
   * without filters), then nothing until a second list from 10 April, so that uses in the gap find
   * no price.
   */
  private static PricingProgram program(Random random) {
    BigDecimal discount =
        List.of(BigDecimal.ONE, new BigDecimal("0.8"), new BigDecimal("0.95"))
            .get(random.nextInt(3));
    Map<String, BigDecimal> divisors =
        Map.of(MILLION, BigDecimal.valueOf(1_000_000), THOUSAND, BigDecimal.valueOf(1_000));
    PriceList march =
        new PriceList(
            LocalDate.of(2026, 1, 1),
            Optional.of(LocalDate.of(2026, 4, 1)),
            divisors,
            List.of(
                tokenLine(random, MILLION, "m-large", 3000),
                tokenLine(random, THOUSAND, "m-small", 300),
                new PriceLine(
                    List.of(PriceLine.FLAT),
                    List.of(BigDecimal.valueOf(1 + random.nextInt(300), 4)),
                    "次",
                    List.of(new PriceFilter.Equals("model", "m-large"))),
                new PriceLine(
                    List.of(TOKEN.name()),
                    List.of(BigDecimal.valueOf(1 + random.nextInt(50_000), 6)),
                    THOUSAND,
                    List.of())));
    PriceList april =
        new PriceList(
            LocalDate.of(2026, 4, 10),
            Optional.empty(),
            divisors,
            List.of(
                tokenLine(random, MILLION, "m-large", 3000),
                tokenLine(random, THOUSAND, "m-small", 300)));
    return new PricingProgram(PROGRAM, "LLM tokens", CNY, discount, List.of(march, april), 1);
  }

  private static PriceLine tokenLine(Random random, String unit, String model, int maxCents) {
    return new PriceLine(
        List.of("prompt_tokens", "completion_tokens"),
        List.of(
            BigDecimal.valueOf(1 + random.nextInt(maxCents), 2),
            BigDecimal.valueOf(1 + random.nextInt(maxCents), 2)),
        unit,
        List.of(new PriceFilter.Equals("model", model)));
  }

  List<Product> products() {
    return products;
  }

  Product product(ProductId id) {
    return products.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  List<ProductResource> resources(ProductId product) {
    return resources.get(product);
  }

  List<OrgId> suppliers() {
    return List.copyOf(supplierActive.keySet());
  }

  /** The suppliers linked to the resource, active or not. */
  List<OrgId> linkedSuppliers(ProductResourceId resource) {
    return links.get(resource).stream().map(Link::supplier).toList();
  }

  /**
   * The exact (unrounded) sell price of the whole use, or empty when the programme has no list
   * valid on {@code date} or no line that prices the use.
   */
  Optional<BigDecimal> exactSellPrice(ProductResource resource, UseCommand use, LocalDate date) {
    if (resource.pricingProgramId().isEmpty()) {
      return Optional.of(
          resource.unitPrice().orElseThrow().perUnit().multiply(use.used().amount()));
    }
    Optional<PriceList> list =
        program.priceLists().stream()
            .filter(candidate -> !date.isBefore(candidate.enabledDate()))
            .filter(candidate -> candidate.expiredDate().map(date::isBefore).orElse(true))
            .max(Comparator.comparing(PriceList::enabledDate));
    if (list.isEmpty()) {
      return Optional.empty();
    }
    Map<String, BigDecimal> usage =
        use.usage().isEmpty()
            ? Map.of(resource.usedUnit().name(), use.used().amount())
            : use.usage();
    BigDecimal subtotal = BigDecimal.ZERO;
    boolean matched = false;
    for (PriceLine line : list.get().lines()) {
      // a line prices the use when its filters match and it is flat or prices a reported factor
      // (the catalogue's filters are equalities on text attributes)
      boolean applies =
          line.filters().stream()
                  .allMatch(
                      filter ->
                          ((PriceFilter.Equals) filter)
                              .value()
                              .equals(use.attributes().get(filter.name())))
              && line.priceFactors().stream()
                  .anyMatch(factor -> PriceLine.FLAT.equals(factor) || usage.containsKey(factor));
      if (!applies) {
        continue;
      }
      matched = true;
      for (int i = 0; i < line.priceFactors().size(); i++) {
        String factor = line.priceFactors().get(i);
        BigDecimal price = line.unitPrices().get(i);
        if (PriceLine.FLAT.equals(factor)) {
          subtotal = subtotal.add(price);
        } else {
          // the divisors are powers of ten: the quotient is exact
          subtotal =
              subtotal.add(
                  usage
                      .getOrDefault(factor, BigDecimal.ZERO)
                      .multiply(price)
                      .divide(list.get().unitValues().get(line.unit())));
        }
      }
    }
    return matched ? Optional.of(subtotal.multiply(program.discount())) : Optional.empty();
  }

  /**
   * The supplier rule: the named supplier if one of the eligible links is its, else the lowest
   * priority, then lowest cost, then supplier id. Outer empty: the use is refused ({@code
   * supplier_unavailable}); inner empty: no supplier (the resource has no links).
   */
  Optional<Optional<Link>> supplierFor(ProductResourceId resource, Optional<OrgId> named) {
    List<Link> all = links.get(resource);
    if (all.isEmpty() && named.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    List<Link> eligible =
        all.stream()
            .filter(Link::active)
            .filter(link -> supplierActive.get(link.supplier()))
            .toList();
    Optional<Link> chosen =
        named.isPresent()
            ? eligible.stream().filter(link -> link.supplier().equals(named.get())).findFirst()
            : eligible.stream()
                .min(
                    Comparator.comparingInt(Link::priority)
                        .thenComparing(link -> link.unitCost().perUnit())
                        .thenComparing(link -> link.supplier().value()));
    return chosen.map(Optional::of);
  }
}
