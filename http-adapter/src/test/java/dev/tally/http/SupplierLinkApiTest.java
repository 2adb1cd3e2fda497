package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi;
import dev.tally.http.testing.HttpApi.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which suppliers serve a bound resource, at what cost: admin changes, admin and service read. */
class SupplierLinkApiTest {
  private static final OrgId SUPPLIER = OrgId.of("supplier-1");
  private static final OrgId SECOND_SUPPLIER = OrgId.of("supplier-2");

  @RegisterExtension final ApiServer api = new ApiServer();

  private ProductResource resource;

  @BeforeEach
  void aBoundResourceAndTwoSuppliers() {
    Product product =
        api.core()
            .products()
            .createProduct(
                new CreateProduct("Chat", OrgId.of("reseller-1"), "", ProductStatus.PUBLISHED));
    resource =
        api.core()
            .products()
            .bind(
                new BindResource(
                    product.id(),
                    ResourceType.LLM,
                    "model-1",
                    BillingMode.PAY_PER_USE,
                    Unit.TOKEN,
                    Optional.of(UnitPrice.of("0.002", Currency.CNY)),
                    Optional.empty(),
                    Optional.empty()));
    api.core().products().createSupplier(new CreateSupplier(SUPPLIER, "Acme Cloud"));
    api.core().products().createSupplier(new CreateSupplier(SECOND_SUPPLIER, "Globex Cloud"));
  }

  @Test
  void linksASupplierAtACost() {
    Reply reply =
        api.asAdmin()
            .post(
                links(),
                "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.001\", \"priority\": 0}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode link = reply.json();
    assertThat(link.path("resource_id").asText()).isEqualTo(resource.id().value());
    assertThat(link.path("supplier_org_id").asText()).isEqualTo("supplier-1");
    assertThat(link.path("unit_cost").asText()).isEqualTo("0.00100000");
    assertThat(link.path("currency").asText()).isEqualTo("CNY");
    assertThat(link.path("priority").asInt()).isZero();
    assertThat(link.path("status").asText()).isEqualTo("active");
    assertThat(link.path("created_at").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(api.core().products().supplierLinks(resource.id())).hasSize(1);
  }

  @Test
  void linksASupplierInTheCurrencyItNames() {
    Reply reply =
        api.asAdmin()
            .post(
                links(),
                """
                {"supplier_org_id": "supplier-1", "unit_cost": 0.0001, "currency": "USD",
                 "priority": 3}
                """);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().path("currency").asText()).isEqualTo("USD");
    assertThat(reply.json().path("priority").asInt()).isEqualTo(3);
  }

  @Test
  void refusesToLinkASupplierTwice() {
    aLink(SUPPLIER, "0.001", 0);

    Reply reply =
        api.asAdmin()
            .post(
                links(),
                "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.0005\", \"priority\":"
                    + " 1}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.code()).isEqualTo("already_exists");
    assertThat(onlyLink().unitCost()).isEqualTo(UnitPrice.of("0.001", Currency.CNY));
  }

  @Test
  void refusesToLinkAnUnknownSupplierOrResource() {
    Reply unknownSupplier =
        api.asAdmin()
            .post(
                links(),
                "{\"supplier_org_id\": \"nobody\", \"unit_cost\": \"1\", \"priority\": 0}");
    Reply unknownResource =
        api.asAdmin()
            .post(
                "/api/v1/resources/nope/suppliers",
                "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"1\", \"priority\": 0}");

    assertThat(unknownSupplier.status()).isEqualTo(404);
    assertThat(unknownSupplier.code()).isEqualTo("not_found");
    assertThat(unknownResource.status()).isEqualTo(404);
    assertThat(unknownResource.code()).isEqualTo("not_found");
    assertThat(api.core().products().supplierLinks(resource.id())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"unit_cost\": \"0.001\", \"priority\": 0}",
        "{\"supplier_org_id\": \"supplier-1\", \"priority\": 0}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.001\"}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.001\", \"priority\": -1}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.001\", \"priority\": 1.5}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.000000001\", \"priority\": 0}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"-0.001\", \"priority\": 0}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.001\", \"priority\": 0,"
            + " \"currency\": \"usd\"}",
        "{\"supplier_org_id\": \"supplier-1\", \"unit_cost\": \"0.001\", \"priority\": 0,"
            + " \"status\": \"active\"}",
        "not json"
      })
  void refusesABadLinkAndLinksNothing(String body) {
    Reply reply = api.asAdmin().post(links(), body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    assertThat(api.core().products().supplierLinks(resource.id())).isEmpty();
  }

  @Test
  void listsTheLinksToAdminAndServiceKeys() {
    aLink(SUPPLIER, "0.001", 0);
    aLink(SECOND_SUPPLIER, "0.0008", 1);

    for (HttpApi client : List.of(api.asAdmin(), api.asService())) {
      Reply reply = client.get(links());

      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      assertThat(reply.json().path("total").asLong()).isEqualTo(2);
      assertThat(reply.json().path("items").findValuesAsText("supplier_org_id"))
          .containsExactlyInAnyOrder("supplier-1", "supplier-2");
      assertThat(reply.json().path("items").findValuesAsText("unit_cost"))
          .containsExactlyInAnyOrder("0.00100000", "0.00080000");
    }
    Reply paged = api.asAdmin().get(links() + "?page=2&page_size=1");
    assertThat(paged.json().path("items")).hasSize(1);
    assertThat(paged.json().path("page").asInt()).isEqualTo(2);
    Reply unknown = api.asAdmin().get("/api/v1/resources/nope/suppliers");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("not_found");
  }

  @Test
  void keepsCostsFromCustomers() {
    aLink(SUPPLIER, "0.001", 0);

    Reply reply = api.asCustomer().get(links());

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("forbidden");
    assertThat(reply.body()).doesNotContain("0.001");
  }

  @Test
  void changesALinksCostPriorityAndStatus() {
    aLink(SUPPLIER, "0.001", 0);

    Reply reply =
        api.asAdmin()
            .put(
                link(SUPPLIER),
                "{\"unit_cost\": \"0.0009\", \"priority\": 2, \"status\": \"inactive\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("unit_cost").asText()).isEqualTo("0.00090000");
    assertThat(reply.json().path("priority").asInt()).isEqualTo(2);
    assertThat(reply.json().path("status").asText()).isEqualTo("inactive");
    SupplierLink stored = onlyLink();
    assertThat(stored.unitCost()).isEqualTo(UnitPrice.of("0.0009", Currency.CNY));
    assertThat(stored.priority()).isEqualTo(2);
    assertThat(stored.status()).isEqualTo(LinkStatus.INACTIVE);
  }

  @Test
  void keepsWhatAnUpdateDoesNotName() {
    api.core()
        .products()
        .linkSupplier(
            new LinkSupplier(
                resource.id(), SUPPLIER, UnitPrice.of("0.001", Currency.of("USD")), 4));

    Reply priced = api.asAdmin().put(link(SUPPLIER), "{\"unit_cost\": \"0.002\"}");
    Reply reactivated = api.asAdmin().put(link(SUPPLIER), "{\"status\": \"active\"}");

    assertThat(priced.status()).isEqualTo(200);
    assertThat(priced.json().path("unit_cost").asText()).isEqualTo("0.00200000");
    assertThat(priced.json().path("currency").asText()).isEqualTo("USD");
    assertThat(priced.json().path("priority").asInt()).isEqualTo(4);
    assertThat(reactivated.json().path("unit_cost").asText()).isEqualTo("0.00200000");
    assertThat(reactivated.json().path("status").asText()).isEqualTo("active");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"status\": \"paused\"}",
        "{\"priority\": -2}",
        "{\"unit_cost\": \"0.123456789\"}",
        "{\"currency\": \"USD\"}",
        "{\"supplier_org_id\": \"supplier-2\"}"
      })
  void refusesABadUpdateAndChangesNothing(String body) {
    aLink(SUPPLIER, "0.001", 0);

    Reply reply = api.asAdmin().put(link(SUPPLIER), body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("validation_failed");
    SupplierLink stored = onlyLink();
    assertThat(stored.unitCost()).isEqualTo(UnitPrice.of("0.001", Currency.CNY));
    assertThat(stored.priority()).isZero();
    assertThat(stored.status()).isEqualTo(LinkStatus.ACTIVE);
  }

  @Test
  void answersNotFoundForAnUpdateOfAMissingLink() {
    Reply reply = api.asAdmin().put(link(SUPPLIER), "{\"priority\": 1}");
    Reply withCost = api.asAdmin().put(link(SUPPLIER), "{\"unit_cost\": \"1\"}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.code()).isEqualTo("not_found");
    assertThat(withCost.status()).isEqualTo(404);
    assertThat(withCost.code()).isEqualTo("not_found");
  }

  @Test
  void unlinksASupplier() {
    aLink(SUPPLIER, "0.001", 0);
    aLink(SECOND_SUPPLIER, "0.0008", 1);

    Reply reply = api.asAdmin().delete(link(SUPPLIER));
    Reply again = api.asAdmin().delete(link(SUPPLIER));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    assertThat(reply.body()).isEmpty();
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.code()).isEqualTo("not_found");
    assertThat(onlyLink().supplierOrgId()).isEqualTo(SECOND_SUPPLIER);
  }

  @Test
  void keepsCustomersAndServicesFromChangingLinks() {
    aLink(SUPPLIER, "0.001", 0);

    for (HttpApi client : List.of(api.asCustomer(), api.asService())) {
      List<Reply> replies =
          List.of(
              client.post(
                  links(),
                  "{\"supplier_org_id\": \"supplier-2\", \"unit_cost\": \"1\", \"priority\": 0}"),
              client.put(link(SUPPLIER), "{\"priority\": 9}"),
              client.delete(link(SUPPLIER)));

      assertThat(replies)
          .allSatisfy(
              reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
                assertThat(reply.code()).isEqualTo("forbidden");
              });
    }
    assertThat(onlyLink().priority()).isZero();
  }

  @Test
  void asksForCredentialsOnEveryLinkRoute() {
    aLink(SUPPLIER, "0.001", 0);
    HttpApi anonymous = api.anonymous();

    List<Reply> replies =
        List.of(
            anonymous.post(links(), "{}"),
            anonymous.get(links()),
            anonymous.put(link(SUPPLIER), "{\"priority\": 9}"),
            anonymous.delete(link(SUPPLIER)));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
              assertThat(reply.code()).isEqualTo("unauthorized");
            });
    assertThat(onlyLink().priority()).isZero();
  }

  private void aLink(OrgId supplier, String unitCost, int priority) {
    api.core()
        .products()
        .linkSupplier(
            new LinkSupplier(
                resource.id(), supplier, UnitPrice.of(unitCost, Currency.CNY), priority));
  }

  private SupplierLink onlyLink() {
    List<SupplierLink> all = api.core().products().supplierLinks(resource.id());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private String links() {
    return "/api/v1/resources/" + resource.id().value() + "/suppliers";
  }

  private String link(OrgId supplier) {
    return links() + "/" + supplier.value();
  }
}
