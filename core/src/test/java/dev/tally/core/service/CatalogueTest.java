package dev.tally.core.service;

import static dev.tally.core.testing.TestTally.RESELLER;
import static dev.tally.core.testing.TestTally.TOKEN;
import static dev.tally.core.testing.TestTally.perUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.UsageQuery;
import dev.tally.core.model.UsageRecord;
import dev.tally.core.model.UseResult;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Products;
import dev.tally.core.port.in.UpdateSupplierLink;
import dev.tally.core.testing.Samples;
import dev.tally.core.testing.TestTally;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private final TestTally tally = TestTally.create();
  private final Products products = tally.core().products();

  private static void assertRefused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TallyException.class, refused -> assertThat(refused.code()).isEqualTo(code));
  }

  /** Binds {@code ref} into {@code product} as an upstream API, {@code price} per token. */
  private static BindResource anApi(
      ProductId product, String ref, BillingMode mode, String price) {
    return new BindResource(
        product, ResourceType.UAPI, ref, mode, TOKEN, Optional.of(perUnit(price)),
        Optional.empty(), Optional.empty());
  }

  // ---------------------------------------------------------------------------------------------
  // products and suppliers

  @Test
  void createsAProductOwnedByTheReseller() {
    Product created =
        products.createProduct(
            new CreateProduct("Chat Pro", RESELLER, "GPT access", ProductStatus.DRAFT));

    Product read = products.product(created.id());
    assertThat(read.name()).isEqualTo("Chat Pro");
    assertThat(read.ownerOrgId()).isEqualTo(RESELLER);
    assertThat(read.description()).isEqualTo("GPT access");
    assertThat(read.status()).isEqualTo(ProductStatus.DRAFT);
    assertThat(read.createdAt()).isEqualTo(TestTally.START);
  }

  @Test
  void readingAnUnknownProductIsNotFound() {
    assertRefused(() -> products.product(ProductId.of("nope")), ErrorCode.NOT_FOUND);
  }

  @Test
  void createsASupplierOnceOnly() {
    Supplier created = products.createSupplier(new CreateSupplier(OrgId.of("openai"), "OpenAI"));

    assertThat(created.status()).isEqualTo(SupplierStatus.ACTIVE);
    assertThat(products.supplier(OrgId.of("openai")).name()).isEqualTo("OpenAI");
    assertRefused(
        () -> products.createSupplier(new CreateSupplier(OrgId.of("openai"), "OpenAI again")),
        ErrorCode.ALREADY_EXISTS);
    assertThat(products.supplier(OrgId.of("openai")).name()).isEqualTo("OpenAI");
  }

  // ---------------------------------------------------------------------------------------------
  // binding

  @Test
  void bindsAResourceIntoAProduct() {
    Product product = tally.aPublishedProduct("Chat");

    ProductResource bound =
        products.bind(anApi(product.id(), "weather", BillingMode.PAY_PER_USE, "0.05"));

    assertThat(bound.status()).isEqualTo(ResourceStatus.ACTIVE);
    assertThat(bound.unitPrice()).contains(perUnit("0.05"));
    assertThat(products.resources(product.id())).containsExactly(bound);
    assertThat(products.resource(bound.id())).isEqualTo(bound);
  }

  @Test
  void bindsAResourcePricedByAKnownProgramme() {
    Product product = tally.aPublishedProduct("Chat");
    tally.core().pricing().save(Samples.pricingProgram("prog-1"));

    ProductResource bound =
        products.bind(
            new BindResource(
                product.id(), ResourceType.LLM, "gpt-4o", BillingMode.PAY_PER_USE, TOKEN,
                Optional.empty(), Optional.of(PricingProgramId.of("prog-1")), Optional.empty()));

    assertThat(bound.pricingProgramId()).contains(PricingProgramId.of("prog-1"));
  }

  @Test
  void refusesToBindTheSameResourceTwice() {
    Product product = tally.aPublishedProduct("Chat");
    ProductResource first =
        products.bind(anApi(product.id(), "weather", BillingMode.PAY_PER_USE, "0.05"));

    assertRefused(
        () -> products.bind(anApi(product.id(), "weather", BillingMode.QUOTA, "0.07")),
        ErrorCode.ALREADY_EXISTS);
    assertThat(products.resources(product.id())).containsExactly(first);
  }

  @Test
  void refusesToBindIntoAnUnknownProduct() {
    assertRefused(
        () -> products.bind(anApi(ProductId.of("nope"), "weather", BillingMode.PAY_PER_USE, "1")),
        ErrorCode.NOT_FOUND);
  }

  @Test
  void refusesToBindWithAPricingProgrammeNotInTheCache() {
    Product product = tally.aPublishedProduct("Chat");

    assertRefused(
        () ->
            products.bind(
                new BindResource(
                    product.id(), ResourceType.LLM, "gpt-4o", BillingMode.PAY_PER_USE, TOKEN,
                    Optional.empty(), Optional.of(PricingProgramId.of("unsynced")),
                    Optional.empty())),
        ErrorCode.NOT_FOUND);
    assertThat(products.resources(product.id())).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // unbinding

  @Test
  void refusesToUnbindTheOnlyResourceOfASubscribedProduct() {
    ProductResource resource = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    tally.aCustomer("acme").subscribedTo(resource, "1000");

    assertRefused(
        () -> products.unbind(resource.productId(), resource.id(), false),
        ErrorCode.RESOURCE_IN_USE);
    assertThat(products.resource(resource.id()).status()).isEqualTo(ResourceStatus.ACTIVE);
  }

  @Test
  void aSuspendedSubscriptionStillHoldsItsOnlyResource() {
    ProductResource resource = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    Subscription subscription = tally.aCustomer("acme").subscribedTo(resource, "1000");
    tally.core().subscriptions().suspend(subscription.id());

    assertRefused(
        () -> products.unbind(resource.productId(), resource.id(), false),
        ErrorCode.RESOURCE_IN_USE);
  }

  @Test
  void unbindsTheOnlyResourceOfASubscribedProductWhenForced() {
    ProductResource resource = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    tally.aCustomer("acme").subscribedTo(resource, "1000");

    ProductResource unbound = products.unbind(resource.productId(), resource.id(), true);

    assertThat(unbound.status()).isEqualTo(ResourceStatus.UNBOUND);
    assertThat(products.resource(resource.id()).status()).isEqualTo(ResourceStatus.UNBOUND);
  }

  @Test
  void unbindsOneResourceWhileAnotherActiveOneRemains() {
    ProductResource llm = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    ProductResource api =
        products.bind(anApi(llm.productId(), "weather", BillingMode.QUOTA, "0.05"));
    tally.aCustomer("acme").subscribedTo(llm, "1000");

    ProductResource unbound = products.unbind(llm.productId(), llm.id(), false);

    assertThat(unbound.status()).isEqualTo(ResourceStatus.UNBOUND);
    assertRefused(
        () -> products.unbind(api.productId(), api.id(), false), ErrorCode.RESOURCE_IN_USE);
  }

  @Test
  void unbindsTheOnlyResourceWhenNoSubscriptionIsCurrent() {
    ProductResource never = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    ProductResource cancelledOnly = tally.aResourceSoldIn(BillingMode.QUOTA, "0.01");
    Subscription subscription = tally.aCustomer("acme").subscribedTo(cancelledOnly, "1000");
    tally.core().subscriptions().cancel(subscription.id());

    assertThat(products.unbind(never.productId(), never.id(), false).status())
        .isEqualTo(ResourceStatus.UNBOUND);
    assertThat(products.unbind(cancelledOnly.productId(), cancelledOnly.id(), false).status())
        .isEqualTo(ResourceStatus.UNBOUND);
  }

  @Test
  void unbindingKeepsTheRowAndItsUsageHistory() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");
    UseResult used = tally.use("acme", llm, "1000");

    products.unbind(llm.productId(), llm.id(), false);

    assertThat(products.resources(llm.productId()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.id()).isEqualTo(llm.id());
              assertThat(row.status()).isEqualTo(ResourceStatus.UNBOUND);
            });
    List<UsageRecord> history =
        tally
            .core()
            .metering()
            .usage(UsageQuery.forOrg(OrgId.of("acme")), PageRequest.firstPage())
            .items();
    assertThat(history).containsExactly(used.usage());
    assertThat(history.get(0).productResourceId()).isEqualTo(llm.id());
    assertThat(tally.core().metering().usage(used.usage().id())).isEqualTo(used.usage());
    assertRefused(() -> tally.use("acme", llm, "1"), ErrorCode.RESOURCE_INACTIVE);
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(TestTally.cny("8"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  @Test
  void bindingAnUnboundResourceAgainReactivatesTheSameRowWithTheNewTerms() {
    Product product = tally.aPublishedProduct("Chat");
    ProductResource first =
        products.bind(anApi(product.id(), "weather", BillingMode.PAY_PER_USE, "0.05"));
    products.unbind(product.id(), first.id(), false);

    ProductResource again =
        products.bind(anApi(product.id(), "weather", BillingMode.QUOTA, "0.07"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo(ResourceStatus.ACTIVE);
    assertThat(again.unitPrice()).contains(perUnit("0.07"));
    assertThat(again.billingMode()).isEqualTo(BillingMode.QUOTA);
    assertThat(products.resources(product.id())).containsExactly(again);
  }

  @Test
  void reboundResourceServesUsesAgainAtItsNewPrice() {
    ProductResource llm = tally.aPayPerUseResource("0.002");
    tally.aCustomer("acme").recharged("10");
    products.unbind(llm.productId(), llm.id(), false);

    products.bind(
        new BindResource(
            llm.productId(), llm.resourceType(), llm.resourceRefId(), BillingMode.PAY_PER_USE,
            TOKEN, Optional.of(perUnit("0.003")), Optional.empty(), Optional.empty()));
    UseResult used = tally.use("acme", llm, "1000");

    assertThat(used.usage().productResourceId()).isEqualTo(llm.id());
    assertThat(used.usage().sellPrice()).isEqualTo(TestTally.cny("3"));
    assertThat(tally.balanceOf("acme").balance()).isEqualTo(TestTally.cny("7"));
    assertThat(tally.verify().violations()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // supplier links

  /** A published product with one upstream API, sold per use at 1 a token. */
  private ProductResource aMapsApi() {
    return products.bind(
        anApi(tally.aPublishedProduct("Maps").id(), "maps", BillingMode.PAY_PER_USE, "1"));
  }

  private void link(ProductResource resource, String supplier, String unitCost, int priority) {
    products.linkSupplier(
        new LinkSupplier(resource.id(), tally.aSupplier(supplier), perUnit(unitCost), priority));
  }

  @Test
  void linksASupplierToAResource() {
    ProductResource api = aMapsApi();
    OrgId supplier = tally.aSupplier("amap");

    SupplierLink link =
        products.linkSupplier(new LinkSupplier(api.id(), supplier, perUnit("0.4"), 2));

    assertThat(link.status()).isEqualTo(LinkStatus.ACTIVE);
    assertThat(link.unitCost()).isEqualTo(perUnit("0.4"));
    assertThat(link.priority()).isEqualTo(2);
    assertThat(products.supplierLinks(api.id())).containsExactly(link);
  }

  @Test
  void refusesToLinkAnUnknownSupplierOrResource() {
    ProductResource api = aMapsApi();
    OrgId supplier = tally.aSupplier("amap");

    assertRefused(
        () ->
            products.linkSupplier(
                new LinkSupplier(api.id(), OrgId.of("nobody"), perUnit("0.4"), 0)),
        ErrorCode.NOT_FOUND);
    assertRefused(
        () ->
            products.linkSupplier(
                new LinkSupplier(ProductResourceId.of("nothing"), supplier, perUnit("0.4"), 0)),
        ErrorCode.NOT_FOUND);
    assertThat(products.supplierLinks(api.id())).isEmpty();
  }

  @Test
  void refusesToLinkTheSameSupplierTwice() {
    ProductResource api = aMapsApi();
    OrgId supplier = tally.aSupplier("amap");
    products.linkSupplier(new LinkSupplier(api.id(), supplier, perUnit("0.4"), 2));

    assertRefused(
        () -> products.linkSupplier(new LinkSupplier(api.id(), supplier, perUnit("0.3"), 1)),
        ErrorCode.ALREADY_EXISTS);
    assertThat(products.supplierLinks(api.id()))
        .singleElement()
        .satisfies(link -> assertThat(link.unitCost()).isEqualTo(perUnit("0.4")));
  }

  @Test
  void updatesALinksCostPriorityAndStatusKeepingWhatIsNotGiven() {
    ProductResource api = aMapsApi();
    OrgId supplier = tally.aSupplier("amap");
    products.linkSupplier(new LinkSupplier(api.id(), supplier, perUnit("0.4"), 2));

    SupplierLink cheaper =
        products.updateSupplierLink(
            new UpdateSupplierLink(
                api.id(), supplier, Optional.of(perUnit("0.35")), Optional.empty(),
                Optional.empty()));
    SupplierLink first =
        products.updateSupplierLink(
            new UpdateSupplierLink(
                api.id(), supplier, Optional.empty(), Optional.of(0), Optional.empty()));
    SupplierLink paused =
        products.updateSupplierLink(
            new UpdateSupplierLink(
                api.id(), supplier, Optional.empty(), Optional.empty(),
                Optional.of(LinkStatus.INACTIVE)));

    assertThat(cheaper.unitCost()).isEqualTo(perUnit("0.35"));
    assertThat(cheaper.priority()).isEqualTo(2);
    assertThat(first.priority()).isZero();
    assertThat(first.unitCost()).isEqualTo(perUnit("0.35"));
    assertThat(paused.status()).isEqualTo(LinkStatus.INACTIVE);
    assertThat(products.supplierLinks(api.id())).containsExactly(paused);
    assertThat(paused.unitCost()).isEqualTo(perUnit("0.35"));
    assertThat(paused.priority()).isZero();
  }

  @Test
  void updatingALinkThatDoesNotExistIsNotFound() {
    ProductResource api = aMapsApi();

    assertRefused(
        () ->
            products.updateSupplierLink(
                new UpdateSupplierLink(
                    api.id(), tally.aSupplier("amap"), Optional.of(perUnit("1")),
                    Optional.empty(), Optional.empty())),
        ErrorCode.NOT_FOUND);
  }

  @Test
  void unlinksASupplierOnce() {
    ProductResource api = aMapsApi();
    OrgId supplier = tally.aSupplier("amap");
    products.linkSupplier(new LinkSupplier(api.id(), supplier, perUnit("0.4"), 2));

    products.unlinkSupplier(api.id(), supplier);

    assertThat(products.supplierLinks(api.id())).isEmpty();
    assertRefused(() -> products.unlinkSupplier(api.id(), supplier), ErrorCode.NOT_FOUND);
  }

  @Test
  void listsLinksByPriority() {
    ProductResource api = aMapsApi();
    link(api, "a-third", "0.1", 7);
    link(api, "b-first", "0.9", 0);
    link(api, "c-second", "0.5", 3);

    assertThat(products.supplierLinks(api.id()))
        .extracting(link -> link.supplierOrgId().value())
        .containsExactly("b-first", "c-second", "a-third");
  }
}
