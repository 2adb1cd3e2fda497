package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.RESELLER;
import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.instant;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static dev.tally.core.testing.Samples.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.port.out.ProductRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProductRepository} does: it round-trips every field, refuses a duplicate id and
 * an update of a missing row, and lists matching products oldest first (then by id) a page at a
 * time with the total. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes
 * one instance per test.
 */
public abstract class ProductRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<ProductRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.products());
          return null;
        });
  }

  private <T> T read(Function<ProductRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.products()));
  }

  private Optional<Product> find(ProductId id) {
    return read(products -> products.find(id));
  }

  @Test
  public void roundTripsEveryFieldOfAProduct() {
    Instant createdAt = instant("2025-12-31T23:59:59.999999Z");
    Product product = product("p1", OrgId.of("reseller-9"), ProductStatus.DRAFT, createdAt);
    write(products -> products.insert(product));

    assertThat(find(product.id())).contains(product);
  }

  @Test
  public void roundTripsAProductWithoutDescription() {
    Product product =
        new Product(
            ProductId.of("p1"), "Bare", OrgId.of("reseller-1"), "", ProductStatus.RETIRED, T0);
    write(products -> products.insert(product));

    assertThat(find(product.id())).contains(product);
  }

  @Test
  public void findsNoProductForAnUnknownId() {
    write(products -> products.insert(product("p1")));

    assertThat(find(ProductId.of("p2"))).isEmpty();
  }

  @Test
  public void refusesASecondProductWithTheSameId() {
    write(products -> products.insert(product("p1")));
    Product again = product("p1", OrgId.of("reseller-2"), ProductStatus.DRAFT, T0);

    assertThatThrownBy(() -> write(products -> products.insert(again)))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(again.id())).contains(product("p1"));
  }

  @Test
  public void updatesEveryFieldOfAProduct() {
    write(products -> products.insert(product("p1")));
    Product changed =
        new Product(
            ProductId.of("p1"),
            "Renamed",
            OrgId.of("reseller-2"),
            "Now with more tokens",
            ProductStatus.RETIRED,
            minutesAfterT0(5));

    write(products -> products.update(changed));

    assertThat(find(changed.id())).contains(changed);
  }

  @Test
  public void refusesToUpdateAMissingProduct() {
    assertThatThrownBy(() -> write(products -> products.update(product("p1"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(ProductId.of("p1"))).isEmpty();
  }

  @Test
  public void listsProductsOldestFirstThenById() {
    Product newest = product("a", RESELLER, ProductStatus.PUBLISHED, minutesAfterT0(2));
    Product tiedB = product("b", RESELLER, ProductStatus.PUBLISHED, minutesAfterT0(1));
    Product tiedA = product("a2", RESELLER, ProductStatus.PUBLISHED, minutesAfterT0(1));
    Product oldest = product("z", RESELLER, ProductStatus.PUBLISHED, T0);
    write(products -> List.of(newest, tiedB, tiedA, oldest).forEach(products::insert));

    Page<Product> page = read(products -> products.list(ProductQuery.ALL, PageRequest.first(10)));

    assertThat(page.items()).containsExactly(oldest, tiedA, tiedB, newest);
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  public void filtersProductsByOwnerAndStatus() {
    OrgId other = OrgId.of("reseller-2");
    Product mineDraft = product("p1", RESELLER, ProductStatus.DRAFT, T0);
    Product minePublished = product("p2", RESELLER, ProductStatus.PUBLISHED, T0);
    Product otherPublished = product("p3", other, ProductStatus.PUBLISHED, T0);
    write(
        products ->
            List.of(mineDraft, minePublished, otherPublished).forEach(products::insert));

    assertThat(list(new ProductQuery(Optional.of(RESELLER), Optional.empty())))
        .containsExactly(mineDraft, minePublished);
    assertThat(list(new ProductQuery(Optional.empty(), Optional.of(ProductStatus.PUBLISHED))))
        .containsExactly(minePublished, otherPublished);
    assertThat(list(new ProductQuery(Optional.of(other), Optional.of(ProductStatus.DRAFT))))
        .isEmpty();
    assertThat(list(new ProductQuery(Optional.of(other), Optional.of(ProductStatus.PUBLISHED))))
        .containsExactly(otherPublished);
  }

  private List<Product> list(ProductQuery query) {
    return read(products -> products.list(query, PageRequest.first(10))).items();
  }

  @Test
  public void pagesProductsWithTheTotalOfEveryMatch() {
    write(
        products -> {
          for (int i = 1; i <= 5; i++) {
            products.insert(
                product("p" + i, RESELLER, ProductStatus.PUBLISHED, minutesAfterT0(i)));
          }
        });

    Page<Product> second = read(products -> products.list(ProductQuery.ALL, new PageRequest(2, 2)));
    Page<Product> last = read(products -> products.list(ProductQuery.ALL, new PageRequest(3, 2)));
    Page<Product> beyond = read(products -> products.list(ProductQuery.ALL, new PageRequest(4, 2)));

    assertThat(second.items()).extracting(Product::id)
        .containsExactly(ProductId.of("p3"), ProductId.of("p4"));
    assertThat(second.total()).isEqualTo(5);
    assertThat(second.page()).isEqualTo(2);
    assertThat(second.pageSize()).isEqualTo(2);
    assertThat(last.items()).extracting(Product::id).containsExactly(ProductId.of("p5"));
    assertThat(last.total()).isEqualTo(5);
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
  }
}
