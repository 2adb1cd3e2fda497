package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.auth.Role;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.Subscribe;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Products, suppliers and resource binding over the socket. */
class ProductApiTest {
  private static final OrgId RESELLER = OrgId.of("reseller-1");

  @RegisterExtension final ApiServer api = new ApiServer();

  // products

  @Test
  void createsAProductPublishedByDefault() {
    Reply reply =
        api.asAdmin()
            .post(
                "/api/v1/products",
                """
                {"product_name": "Chat Pro", "owner_org_id": "reseller-1",
                 "description": "a chat model by the token"}
                """);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode product = reply.json();
    assertThat(product.path("id").asText()).isNotBlank();
    assertThat(product.path("product_name").asText()).isEqualTo("Chat Pro");
    assertThat(product.path("owner_org_id").asText()).isEqualTo("reseller-1");
    assertThat(product.path("description").asText()).isEqualTo("a chat model by the token");
    assertThat(product.path("status").asText()).isEqualTo("published");
    assertThat(product.path("created_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(api.core().products().product(productIdOf(reply)).name()).isEqualTo("Chat Pro");
  }

  @Test
  void createsADraftProductWhenAsked() {
    Reply reply =
        api.asAdmin()
            .post(
                "/api/v1/products",
                "{\"product_name\": \"Beta\", \"owner_org_id\": \"reseller-1\", \"status\":"
                    + " \"draft\"}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().path("status").asText()).isEqualTo("draft");
    assertThat(reply.json().path("description").asText()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"owner_org_id\": \"reseller-1\"}",
        "{\"product_name\": \"Chat\"}",
        "{\"product_name\": \"  \", \"owner_org_id\": \"reseller-1\"}",
        "{\"product_name\": 12, \"owner_org_id\": \"reseller-1\"}",
        "{\"product_name\": \"Chat\", \"owner_org_id\": \"not an id\"}",
        "{\"product_name\": \"Chat\", \"owner_org_id\": \"reseller-1\", \"status\": \"sold\"}",
        "{\"product_name\": \"Chat\", \"owner_org_id\": \"reseller-1\", \"price\": \"1\"}",
        "{\"product_name\": \"Chat\", \"owner_org_id\": ",
        "[]",
        ""
      })
  void refusesABadProductAndCreatesNothing(String body) {
    Reply reply = api.asAdmin().post("/api/v1/products", body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(productCount()).isZero();
  }

  @Test
  void refusesATooLongProductNameOrDescription() {
    String longName = "n".repeat(129);
    Reply name =
        api.asAdmin()
            .post(
                "/api/v1/products",
                "{\"product_name\": \"" + longName + "\", \"owner_org_id\": \"reseller-1\"}");
    Reply description =
        api.asAdmin()
            .post(
                "/api/v1/products",
                "{\"product_name\": \"Chat\", \"owner_org_id\": \"reseller-1\", \"description\": \""
                    + "d".repeat(1001)
                    + "\"}");

    assertThat(name.status()).isEqualTo(400);
    assertThat(name.json().path("detail").asText()).contains("product_name");
    assertThat(description.status()).isEqualTo(400);
    assertThat(description.json().path("detail").asText()).contains("description");
    assertThat(productCount()).isZero();
  }

  @Test
  void showsAProductToEveryRole() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);

    for (HttpApi client : List.of(api.asAdmin(), api.asService(), api.asCustomer())) {
      Reply reply = client.get("/api/v1/products/" + product.id().value());

      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      assertThat(reply.json().path("product_name").asText()).isEqualTo("Chat");
    }
  }

  @Test
  void answersNotFoundForAnUnknownProduct() {
    Reply shown = api.asAdmin().get("/api/v1/products/nope");
    Reply status = api.asAdmin().put("/api/v1/products/nope/status", "{\"status\": \"retired\"}");

    assertThat(shown.status()).isEqualTo(404);
    assertThat(shown.code()).isEqualTo("not_found");
    assertThat(status.status()).isEqualTo(404);
    assertThat(status.code()).isEqualTo("not_found");
  }

  @Test
  void refusesAMalformedProductIdInThePath() {
    Reply reply = api.asAdmin().get("/api/v1/products/" + "x".repeat(33));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
  }

  @Test
  void listsProductsByOwnerAndStatusInPages() {
    aProduct("Chat", ProductStatus.PUBLISHED);
    aProduct("Search", ProductStatus.PUBLISHED);
    aProduct("Beta", ProductStatus.DRAFT);
    api.core()
        .products()
        .createProduct(
            new CreateProduct("Other", OrgId.of("reseller-2"), "", ProductStatus.PUBLISHED));

    Reply all = api.asCustomer().get("/api/v1/products");
    Reply published =
        api.asAdmin().get("/api/v1/products?owner_org_id=reseller-1&status=published&page_size=1");
    Reply secondPage =
        api.asAdmin()
            .get("/api/v1/products?owner_org_id=reseller-1&status=published&page=2&page_size=1");

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().path("total").asLong()).isEqualTo(4);
    assertThat(published.status()).isEqualTo(200);
    assertThat(published.json().path("total").asLong()).isEqualTo(2);
    assertThat(published.json().path("page_size").asInt()).isEqualTo(1);
    assertThat(published.json().path("items")).hasSize(1);
    assertThat(secondPage.json().path("page").asInt()).isEqualTo(2);
    assertThat(secondPage.json().path("items")).hasSize(1);
    assertThat(secondPage.json().path("items").get(0).path("product_name").asText())
        .isNotEqualTo(published.json().path("items").get(0).path("product_name").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"status=sold", "owner_org_id=not%20an%20id", "page=0", "page_size=1001"})
  void refusesABadProductListQuery(String query) {
    Reply reply = api.asAdmin().get("/api/v1/products?" + query);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
  }

  @Test
  void changesAProductStatus() {
    Product product = aProduct("Chat", ProductStatus.DRAFT);

    Reply published =
        api.asAdmin()
            .put(
                "/api/v1/products/" + product.id().value() + "/status",
                "{\"status\": \"published\"}");
    Reply retired =
        api.asAdmin()
            .put(
                "/api/v1/products/" + product.id().value() + "/status",
                "{\"status\": \"retired\"}");

    assertThat(published.status()).isEqualTo(200);
    assertThat(published.json().path("status").asText()).isEqualTo("published");
    assertThat(retired.status()).isEqualTo(200);
    assertThat(retired.json().path("status").asText()).isEqualTo("retired");
    assertThat(api.core().products().product(product.id()).status())
        .isEqualTo(ProductStatus.RETIRED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"status\": \"sold\"}", "{}", "{\"status\": \"retired\", \"x\": 1}"})
  void refusesABadProductStatusAndChangesNothing(String body) {
    Product product = aProduct("Chat", ProductStatus.DRAFT);

    Reply reply = api.asAdmin().put("/api/v1/products/" + product.id().value() + "/status", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(api.core().products().product(product.id()).status()).isEqualTo(ProductStatus.DRAFT);
  }

  // suppliers

  @Test
  void registersAndListsSuppliers() {
    Reply created =
        api.asAdmin()
            .post(
                "/api/v1/suppliers",
                "{\"org_id\": \"supplier-1\", \"supplier_name\": \"Acme Cloud\"}");
    api.core().products().createSupplier(new CreateSupplier(OrgId.of("supplier-2"), "Other"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("org_id").asText()).isEqualTo("supplier-1");
    assertThat(created.json().path("supplier_name").asText()).isEqualTo("Acme Cloud");
    assertThat(created.json().path("status").asText()).isEqualTo("active");
    assertThat(created.json().path("created_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    for (HttpApi client : List.of(api.asAdmin(), api.asService())) {
      Reply listed = client.get("/api/v1/suppliers?page_size=1");
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.json().path("total").asLong()).isEqualTo(2);
      assertThat(listed.json().path("items")).hasSize(1);
    }
  }

  @Test
  void refusesASupplierThatExistsAlready() {
    api.core().products().createSupplier(new CreateSupplier(OrgId.of("supplier-1"), "First"));

    Reply reply =
        api.asAdmin()
            .post(
                "/api/v1/suppliers", "{\"org_id\": \"supplier-1\", \"supplier_name\": \"Second\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("already_exists");
    assertThat(api.core().products().supplier(OrgId.of("supplier-1")).name()).isEqualTo("First");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"supplier_name\": \"Acme\"}",
        "{\"org_id\": \"supplier-1\"}",
        "{\"org_id\": \"supplier 1\", \"supplier_name\": \"Acme\"}",
        "{\"org_id\": \"supplier-1\", \"supplier_name\": \"\"}",
        "{\"org_id\": \"supplier-1\", \"supplier_name\": \"Acme\", \"status\": \"active\"}"
      })
  void refusesABadSupplierAndRegistersNothing(String body) {
    Reply reply = api.asAdmin().post("/api/v1/suppliers", body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(api.core().products().suppliers(PageRequest.firstPage()).total()).isZero();
  }

  @Test
  void changesASupplierStatus() {
    api.core().products().createSupplier(new CreateSupplier(OrgId.of("supplier-1"), "Acme"));

    Reply inactive =
        api.asAdmin().put("/api/v1/suppliers/supplier-1/status", "{\"status\": \"inactive\"}");
    Reply unknown =
        api.asAdmin().put("/api/v1/suppliers/supplier-9/status", "{\"status\": \"inactive\"}");
    Reply bad = api.asAdmin().put("/api/v1/suppliers/supplier-1/status", "{\"status\": \"gone\"}");

    assertThat(inactive.status()).isEqualTo(200);
    assertThat(inactive.json().path("status").asText()).isEqualTo("inactive");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("not_found");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("validation_failed");
    assertThat(api.core().products().supplier(OrgId.of("supplier-1")).status())
        .isEqualTo(SupplierStatus.INACTIVE);
  }

  // resource binding

  @Test
  void bindsAResourceInCnyByDefault() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);

    Reply reply =
        api.asAdmin()
            .post(
                resourcesOf(product),
                """
                {"resource_type": "llm", "resource_ref_id": "MiniMax-M3", "billing_mode": "1",
                 "used_unit": "token", "unit_price": "0.002", "min_balance": 5}
                """);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode resource = reply.json();
    assertThat(resource.path("id").asText()).isNotBlank();
    assertThat(resource.path("product_id").asText()).isEqualTo(product.id().value());
    assertThat(resource.path("resource_type").asText()).isEqualTo("llm");
    assertThat(resource.path("resource_ref_id").asText()).isEqualTo("MiniMax-M3");
    assertThat(resource.path("billing_mode").asText()).isEqualTo("1");
    assertThat(resource.path("used_unit").asText()).isEqualTo("token");
    assertThat(resource.path("unit_price").asText()).isEqualTo("0.00200000");
    assertThat(resource.path("currency").asText()).isEqualTo("CNY");
    assertThat(resource.path("min_balance").asText()).isEqualTo("5.000000");
    assertThat(resource.path("pricing_program_id").isNull()).isTrue();
    assertThat(resource.path("status").asText()).isEqualTo("active");
    assertThat(api.core().products().resources(product.id())).hasSize(1);
  }

  @Test
  void bindsAResourceInTheCurrencyItNames() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);

    Reply reply =
        api.asAdmin()
            .post(
                resourcesOf(product),
                """
                {"resource_type": "uapi", "resource_ref_id": "ocr", "billing_mode": "2",
                 "used_unit": "call", "unit_price": 0.5, "currency": "USD"}
                """);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().path("currency").asText()).isEqualTo("USD");
    assertThat(reply.json().path("unit_price").asText()).isEqualTo("0.50000000");
    assertThat(reply.json().path("min_balance").isNull()).isTrue();
  }

  @Test
  void refusesToBindAResourceTwice() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    aResource(product, BillingMode.PAY_PER_USE);

    Reply reply = api.asAdmin().post(resourcesOf(product), bindBody("model-1", "\"0.003\""));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("already_exists");
    assertThat(api.core().products().resources(product.id()).get(0).unitPrice().orElseThrow())
        .isEqualTo(UnitPrice.of("0.002", Currency.CNY));
  }

  @Test
  void refusesToBindIntoAnUnknownProductOrWithAnUnknownProgram() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);

    Reply unknownProduct =
        api.asAdmin().post("/api/v1/products/nope/resources", bindBody("m", "\"1\""));
    Reply unknownProgram =
        api.asAdmin()
            .post(
                resourcesOf(product),
                """
                {"resource_type": "llm", "resource_ref_id": "m", "billing_mode": "1",
                 "used_unit": "token", "pricing_program_id": "prog-1"}
                """);

    assertThat(unknownProduct.status()).isEqualTo(404);
    assertThat(unknownProduct.code()).isEqualTo("not_found");
    assertThat(unknownProgram.status()).isEqualTo(404);
    assertThat(unknownProgram.code()).isEqualTo("not_found");
    assertThat(api.core().products().resources(product.id())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // unknown resource type, billing mode (code set and type), unit
        "{\"resource_type\": \"gpu\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"4\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": 1,"
            + " \"used_unit\": \"token\", \"unit_price\": \"1\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \" token\", \"unit_price\": \"1\"}",
        // a price with 9 decimals, a negative price, a price that is not a number
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"0.000000001\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"-1\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"cheap\"}",
        // neither a price nor a programme
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\"}",
        // a resource ref that is no id, a missing one
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"Mini Max\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\"}",
        "{\"resource_type\": \"llm\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\"}",
        // min balance over-scaled or negative, a bad currency, an unknown field
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\", \"min_balance\": \"0.0000001\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\", \"min_balance\": \"-1\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\", \"currency\": \"yuan\"}",
        "{\"resource_type\": \"llm\", \"resource_ref_id\": \"m\", \"billing_mode\": \"1\","
            + " \"used_unit\": \"token\", \"unit_price\": \"1\", \"unit_cost\": \"0.5\"}"
      })
  void refusesABadBindingAndBindsNothing(String body) {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);

    Reply reply = api.asAdmin().post(resourcesOf(product), body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(api.core().products().resources(product.id())).isEmpty();
  }

  @Test
  void listsAProductsResourcesToEveryRoleWithoutCosts() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    ProductResource first = aResource(product, BillingMode.PAY_PER_USE);
    api.core()
        .products()
        .bind(
            new BindResource(
                product.id(),
                ResourceType.UAPI,
                "ocr",
                BillingMode.PAY_PER_USE,
                Unit.CALL,
                Optional.of(UnitPrice.of("0.1", Currency.CNY)),
                Optional.empty(),
                Optional.empty()));

    for (HttpApi client : List.of(api.asAdmin(), api.asService(), api.asCustomer())) {
      Reply reply = client.get(resourcesOf(product) + "?page_size=1");

      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      assertThat(reply.json().path("total").asLong()).isEqualTo(2);
      assertThat(reply.json().path("items")).hasSize(1);
      JsonNode item = reply.json().path("items").get(0);
      assertThat(item.path("id").asText()).isEqualTo(first.id().value());
      assertThat(item.has("unit_cost")).isFalse();
      assertThat(item.has("supplier_org_id")).isFalse();
    }
    Reply second = api.asCustomer().get(resourcesOf(product) + "?page=2&page_size=1");
    assertThat(second.json().path("items").get(0).path("resource_ref_id").asText())
        .isEqualTo("ocr");
    assertThat(api.asCustomer().get("/api/v1/products/nope/resources").status()).isEqualTo(404);
  }

  @Test
  void unbindsAResourceAndKeepsItListed() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    ProductResource resource = aResource(product, BillingMode.PAY_PER_USE);

    Reply reply = api.asAdmin().delete(resourcesOf(product) + "/" + resource.id().value());

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("id").asText()).isEqualTo(resource.id().value());
    assertThat(reply.json().path("status").asText()).isEqualTo("unbound");
    Reply listed = api.asCustomer().get(resourcesOf(product));
    assertThat(listed.json().path("items").get(0).path("status").asText()).isEqualTo("unbound");
  }

  @Test
  void refusesToUnbindTheOnlyResourceOfASubscribedProductUnlessForced() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    ProductResource resource = aResource(product, BillingMode.QUOTA);
    api.core()
        .subscriptions()
        .subscribe(
            new Subscribe(
                product.id(),
                UserId.of("user-1"),
                ApiServer.CUSTOMER_ORG,
                Optional.empty(),
                Quantity.of(1000, Unit.TOKEN),
                Period.ofMonths(1),
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty()));
    String path = resourcesOf(product) + "/" + resource.id().value();

    Reply refused = api.asAdmin().delete(path);
    Reply notForced = api.asAdmin().delete(path + "?force=false");
    assertThat(api.core().products().resource(resource.id()).status())
        .isEqualTo(ResourceStatus.ACTIVE);
    Reply forced = api.asAdmin().delete(path + "?force=true");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("resource_in_use");
    assertThat(notForced.status()).isEqualTo(409);
    assertThat(notForced.code()).isEqualTo("resource_in_use");
    assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
    assertThat(forced.json().path("status").asText()).isEqualTo("unbound");
  }

  @Test
  void refusesToUnbindAnUnknownResourceOrWithABadForceFlag() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    Product other = aProduct("Other", ProductStatus.PUBLISHED);
    ProductResource resource = aResource(product, BillingMode.PAY_PER_USE);

    Reply unknown = api.asAdmin().delete(resourcesOf(product) + "/nope");
    Reply ofAnother = api.asAdmin().delete(resourcesOf(other) + "/" + resource.id().value());
    Reply badFlag =
        api.asAdmin().delete(resourcesOf(product) + "/" + resource.id().value() + "?force=yes");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("not_found");
    assertThat(ofAnother.status()).isEqualTo(404);
    assertThat(ofAnother.code()).isEqualTo("not_found");
    assertThat(badFlag.status()).isEqualTo(400);
    assertThat(badFlag.code()).isEqualTo("validation_failed");
    assertThat(api.core().products().resource(resource.id()).isActive()).isTrue();
  }

  // roles

  @Test
  void keepsCustomersAndServicesOffTheAdminRoutes() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    ProductResource resource = aResource(product, BillingMode.PAY_PER_USE);
    api.core().products().createSupplier(new CreateSupplier(OrgId.of("supplier-1"), "Acme"));
    String productBody = "{\"product_name\": \"X\", \"owner_org_id\": \"reseller-1\"}";

    for (HttpApi client : List.of(api.asCustomer(), api.asService())) {
      assertForbidden(client.post("/api/v1/products", productBody));
      assertForbidden(
          client.put(
              "/api/v1/products/" + product.id().value() + "/status", "{\"status\": \"retired\"}"));
      assertForbidden(
          client.post("/api/v1/suppliers", "{\"org_id\": \"s-2\", \"supplier_name\": \"S\"}"));
      assertForbidden(
          client.put("/api/v1/suppliers/supplier-1/status", "{\"status\": \"inactive\"}"));
      assertForbidden(client.post(resourcesOf(product), bindBody("model-2", "\"1\"")));
      assertForbidden(client.delete(resourcesOf(product) + "/" + resource.id().value()));
    }
    assertForbidden(api.asCustomer().get("/api/v1/suppliers"));
    assertThat(productCount()).isEqualTo(1);
    assertThat(api.core().products().product(product.id()).status())
        .isEqualTo(ProductStatus.PUBLISHED);
    assertThat(api.core().products().resource(resource.id()).isActive()).isTrue();
    assertThat(api.core().products().suppliers(PageRequest.firstPage()).total()).isEqualTo(1);
  }

  @Test
  void asksForCredentialsOnEveryRoute() {
    Product product = aProduct("Chat", ProductStatus.PUBLISHED);
    String id = product.id().value();
    HttpApi anonymous = api.anonymous();

    List<Reply> replies =
        List.of(
            anonymous.post("/api/v1/products", "{}"),
            anonymous.get("/api/v1/products"),
            anonymous.get("/api/v1/products/" + id),
            anonymous.put("/api/v1/products/" + id + "/status", "{\"status\": \"retired\"}"),
            anonymous.post("/api/v1/suppliers", "{}"),
            anonymous.get("/api/v1/suppliers"),
            anonymous.put("/api/v1/suppliers/s-1/status", "{\"status\": \"inactive\"}"),
            anonymous.post("/api/v1/products/" + id + "/resources", "{}"),
            anonymous.get("/api/v1/products/" + id + "/resources"),
            anonymous.delete("/api/v1/products/" + id + "/resources/r-1"));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
              assertThat(reply.code()).isEqualTo("unauthorized");
            });
    assertThat(api.core().products().product(product.id()).status())
        .isEqualTo(ProductStatus.PUBLISHED);
  }

  @Test
  void refusesAnUnknownKey() {
    HttpApi stranger = api.anonymous().with("Authorization", "Bearer not-a-key");

    Reply reply = stranger.get("/api/v1/products");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("unauthorized");
  }

  @Test
  void letsACustomerKeyOfAnotherOrgReadTheCatalogue() {
    aProduct("Chat", ProductStatus.PUBLISHED);
    HttpApi globex =
        api.anonymous()
            .with(
                "Authorization",
                "Bearer " + api.newKey(Role.CUSTOMER, Optional.of(OrgId.of("globex"))));

    assertThat(globex.get("/api/v1/products").json().path("total").asLong()).isEqualTo(1);
  }

  // helpers

  private Product aProduct(String name, ProductStatus status) {
    return api.core().products().createProduct(new CreateProduct(name, RESELLER, "", status));
  }

  private ProductResource aResource(Product product, BillingMode mode) {
    return api.core()
        .products()
        .bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "model-1",
                mode,
                Unit.TOKEN,
                Optional.of(UnitPrice.of("0.002", Currency.CNY)),
                Optional.empty(),
                Optional.empty()));
  }

  private static String resourcesOf(Product product) {
    return "/api/v1/products/" + product.id().value() + "/resources";
  }

  private static String bindBody(String ref, String unitPrice) {
    return "{\"resource_type\": \"llm\", \"resource_ref_id\": \""
        + ref
        + "\","
        + " \"billing_mode\": \"1\", \"used_unit\": \"token\", \"unit_price\": "
        + unitPrice
        + "}";
  }

  private long productCount() {
    return api.core().products().products(ProductQuery.ALL, PageRequest.firstPage()).total();
  }

  private static ProductId productIdOf(Reply reply) {
    return ProductId.of(reply.json().path("id").asText());
  }

  private static void assertForbidden(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("forbidden");
  }
}
