package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PriceFilter;
import dev.tally.core.model.PriceLine;
import dev.tally.core.model.PriceList;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.PricingQuote;
import dev.tally.core.model.QuoteLine;
import dev.tally.core.port.in.Pricing;
import dev.tally.core.port.in.QuoteRequest;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import dev.tally.http.json.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pricing programmes (synced from upstream) and quotes, for any authenticated caller: {@code GET
 * /pricing/programs}, {@code GET /pricing/programs/{id}} (every dated price list, line by line) and
 * {@code POST /pricing/quote} (what a usage would cost, step by step; changes nothing).
 */
final class PricingRoutes {
  private final Pricing pricing;

  PricingRoutes(Pricing pricing) {
    this.pricing = pricing;
  }

  /** A price line in the platform's shape; unit prices as decimal strings. */
  record PriceLineView(
      List<String> priceFactors,
      List<String> unitPrices,
      String unit,
      List<Map<String, Object>> filters) {
    static PriceLineView of(PriceLine line) {
      return new PriceLineView(
          line.priceFactors(),
          line.unitPrices().stream().map(BigDecimal::toPlainString).toList(),
          line.unit(),
          filterViews(line.filters()));
    }
  }

  /**
   * Filters as the platform lists them, one-key maps: {@code {"model": "MiniMax-M3"}}, {@code
   * {"prompt_tokens": {"gt": "512000"}}}.
   */
  static List<Map<String, Object>> filterViews(List<PriceFilter> filters) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (PriceFilter filter : filters) {
      if (filter instanceof PriceFilter.Equals equal) {
        views.add(Map.of(equal.name(), equal.value()));
      } else if (filter instanceof PriceFilter.Range range) {
        Map<String, String> bounds = new LinkedHashMap<>();
        range.bounds().forEach((bound, limit) -> bounds.put(bound.code(), limit.toPlainString()));
        views.add(Map.of(range.name(), bounds));
      }
    }
    return views;
  }

  /** A dated price list with its unit divisors. */
  record PriceListView(
      LocalDate enabledDate,
      LocalDate expiredDate,
      Map<String, String> unitValues,
      List<PriceLineView> lines) {
    static PriceListView of(PriceList list) {
      Map<String, String> divisors = new TreeMap<>();
      list.unitValues().forEach((unit, divisor) -> divisors.put(unit, divisor.toPlainString()));
      return new PriceListView(
          list.enabledDate(),
          list.expiredDate().orElse(null),
          divisors,
          list.lines().stream().map(PriceLineView::of).toList());
    }
  }

  /** A pricing programme with all its price lists. */
  record ProgramView(
      String id,
      String name,
      String currency,
      String discount,
      long version,
      List<PriceListView> priceLists) {
    static ProgramView of(PricingProgram program) {
      return new ProgramView(
          program.id().value(),
          program.name(),
          program.currency().code(),
          program.discount().toPlainString(),
          program.version(),
          program.priceLists().stream().map(PriceListView::of).toList());
    }
  }

  /** One step of a quote: {@code usage / divisor x unit_price = amount}. */
  record QuoteLineView(
      String factor,
      String usage,
      String unit,
      String divisor,
      String unitPrice,
      String amount,
      List<Map<String, Object>> filters) {
    static QuoteLineView of(QuoteLine line) {
      return new QuoteLineView(
          line.factor(),
          line.usage().toPlainString(),
          line.unit(),
          line.divisor().toPlainString(),
          line.unitPrice().toPlainString(),
          line.amount().toPlainString(),
          filterViews(line.filters()));
    }
  }

  /** A quote: the lines, their sum, both discounts, and the total rounded once. */
  record QuoteView(
      String programId,
      LocalDate priceListDate,
      List<QuoteLineView> lines,
      String subtotal,
      String discount,
      String customerDiscount,
      String exactTotal,
      String total,
      String currency) {
    static QuoteView of(PricingQuote quote) {
      return new QuoteView(
          quote.programId().value(),
          quote.priceListDate(),
          quote.lines().stream().map(QuoteLineView::of).toList(),
          quote.subtotal().toPlainString(),
          quote.discount().toPlainString(),
          quote.customerDiscount().toPlainString(),
          quote.exactTotal().toPlainString(),
          Views.amount(quote.total()),
          quote.total().currency().code());
    }
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/pricing/programs"), this::list);
    routes.get(Api.path("/pricing/programs/{program_id}"), this::show);
    routes.post(Api.path("/pricing/quote"), this::quote);
  }

  private void list(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    ctx.json(Views.page(pricing.programs(Params.page(ctx)), ProgramView::of));
  }

  private void show(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    PricingProgramId id = Params.path(ctx, "program_id", PricingProgramId::of);
    ctx.json(ProgramView.of(pricing.program(id)));
  }

  private void quote(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    JsonBody body =
        JsonBody.parse(
            ctx.body(),
            Set.of(
                "program_id", "usage", "attributes", "used_amount", "reseller_org_id",
                "user_org_id", "date"));
    PricingProgramId id = body.value("program_id", PricingProgramId::of);
    Map<String, BigDecimal> usage = body.usageCounts("usage");
    usage.forEach(
        (factor, amount) -> {
          if (amount.signum() < 0) {
            throw new BadRequest(
                "usage." + factor + " must not be negative: " + amount.toPlainString());
          }
        });
    Map<String, String> attributes = body.attributes("attributes");
    Optional<BigDecimal> quantity = body.optionalDecimal("used_amount");
    Optional<QuoteRequest.Customer> customer = customer(ctx, body);
    Optional<LocalDate> date = body.optionalDate("date");
    QuoteRequest request =
        Commands.build(
            () -> new QuoteRequest(id, usage, attributes, quantity, customer, date));
    ctx.json(QuoteView.of(pricing.quote(request)));
  }

  /**
   * The customer whose discount a quote applies: {@code reseller_org_id} and {@code user_org_id}
   * together (a customer key may ask only for its own org), or nobody.
   */
  private static Optional<QuoteRequest.Customer> customer(Context ctx, JsonBody body) {
    Optional<OrgId> reseller = body.optionalValue("reseller_org_id", OrgId::of);
    Optional<OrgId> org = body.optionalValue("user_org_id", OrgId::of);
    if (reseller.isPresent() != org.isPresent()) {
      throw new BadRequest(
          "reseller_org_id and user_org_id go together: they name whose discount to apply");
    }
    org.ifPresent(customer -> Access.requireOrg(ctx, customer));
    return reseller.map(owner -> new QuoteRequest.Customer(owner, org.get()));
  }
}
