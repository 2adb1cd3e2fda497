package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static dev.tally.core.testing.Samples.programPricedResource;
import static dev.tally.core.testing.Samples.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Unit;
import dev.tally.core.port.out.ResourceRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.testing.Samples;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResourceRepository} does: it round-trips every field (unit price or programme,
 * minimum balance or none), keeps (product, type, ref) unique, finds a binding by that key whatever
 * its status, and lists a product's bindings oldest first. Subclasses give a fresh, empty store per
 * test. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class ResourceRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<ResourceRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.resources());
          return null;
        });
  }

  private <T> T read(Function<ResourceRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.resources()));
  }

  private Optional<ProductResource> find(ProductResourceId id) {
    return read(resources -> resources.find(id));
  }

  private List<ProductResource> findByProduct(ProductId productId) {
    return read(resources -> resources.findByProduct(productId));
  }

  @Test
  public void roundTripsABindingWithAUnitPriceAndAMinimumBalance() {
    ProductResource resource = resource("r1", "p1", "gpt-4o");
    write(resources -> resources.insert(resource));

    assertThat(find(resource.id())).contains(resource);
  }

  @Test
  public void roundTripsABindingPricedByAProgrammeWithoutMinimumBalance() {
    ProductResource resource = programPricedResource("r1", "p1", "weather.v2", "prog-1");
    write(resources -> resources.insert(resource));

    assertThat(find(resource.id())).contains(resource);
  }

  @Test
  public void roundTripsABindingWithBothAUnitPriceAndAProgramme() {
    ProductResource resource =
        new ProductResource(
            ProductResourceId.of("r1"),
            ProductId.of("p1"),
            ResourceType.STORAGE,
            "bucket-7",
            BillingMode.QUOTA_WITH_OVERAGE,
            Unit.of("byte"),
            Optional.of(Samples.perUnit("0.00000001")),
            Optional.of(PricingProgramId.of("prog-2")),
            Optional.of(Samples.cny("0")),
            ResourceStatus.UNBOUND,
            Samples.instant("2026-03-04T05:06:07.000001Z"));
    write(resources -> resources.insert(resource));

    assertThat(find(resource.id())).contains(resource);
  }

  @Test
  public void findsNoBindingForAnUnknownId() {
    write(resources -> resources.insert(resource("r1", "p1", "gpt-4o")));

    assertThat(find(ProductResourceId.of("r2"))).isEmpty();
  }

  @Test
  public void refusesASecondBindingWithTheSameId() {
    write(resources -> resources.insert(resource("r1", "p1", "gpt-4o")));

    assertThatThrownBy(() -> write(resources -> resources.insert(resource("r1", "p2", "o3"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(findByProduct(ProductId.of("p2"))).isEmpty();
  }

  @Test
  public void refusesToBindTheSameResourceTwiceToAProduct() {
    write(resources -> resources.insert(resource("r1", "p1", "gpt-4o")));

    assertThatThrownBy(() -> write(resources -> resources.insert(resource("r2", "p1", "gpt-4o"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(ProductResourceId.of("r2"))).isEmpty();
  }

  @Test
  public void findsABindingByProductTypeAndRefWhateverItsStatus() {
    ProductResource unbound = resource("r1", "p1", "gpt-4o").withStatus(ResourceStatus.UNBOUND);
    ProductResource sameRefOtherProduct = resource("r2", "p2", "gpt-4o");
    ProductResource sameRefOtherType = programPricedResource("r3", "p1", "gpt-4o", "prog-1");
    write(
        resources ->
            List.of(unbound, sameRefOtherProduct, sameRefOtherType).forEach(resources::insert));

    assertThat(find("p1", ResourceType.LLM, "gpt-4o")).contains(unbound);
    assertThat(find("p2", ResourceType.LLM, "gpt-4o")).contains(sameRefOtherProduct);
    assertThat(find("p1", ResourceType.UAPI, "gpt-4o")).contains(sameRefOtherType);
    assertThat(find("p1", ResourceType.LLM, "gpt-4o-mini")).isEmpty();
    assertThat(find("p3", ResourceType.LLM, "gpt-4o")).isEmpty();
    assertThat(find("p2", ResourceType.UAPI, "gpt-4o")).isEmpty();
  }

  private Optional<ProductResource> find(String product, ResourceType type, String ref) {
    return read(resources -> resources.findByKey(ProductId.of(product), type, ref));
  }

  @Test
  public void updatesABinding() {
    write(resources -> resources.insert(resource("r1", "p1", "gpt-4o")));
    ProductResource repriced =
        new ProductResource(
            ProductResourceId.of("r1"),
            ProductId.of("p1"),
            ResourceType.LLM,
            "gpt-4o",
            BillingMode.PAY_PER_USE,
            Unit.CALL,
            Optional.empty(),
            Optional.of(PricingProgramId.of("prog-9")),
            Optional.empty(),
            ResourceStatus.UNBOUND,
            T0);

    write(resources -> resources.update(repriced));

    assertThat(find(repriced.id())).contains(repriced);
    assertThat(find("p1", ResourceType.LLM, "gpt-4o")).contains(repriced);
  }

  @Test
  public void findsABindingUnderItsNewKeyOnceAnUpdateChangesIt() {
    write(resources -> resources.insert(resource("r1", "p1", "gpt-4o")));
    ProductResource moved = resource("r1", "p1", "gpt-4.1");

    write(resources -> resources.update(moved));

    assertThat(find("p1", ResourceType.LLM, "gpt-4.1")).contains(moved);
    assertThat(find("p1", ResourceType.LLM, "gpt-4o")).isEmpty();
    ProductResource rebound = resource("r2", "p1", "gpt-4o");
    write(resources -> resources.insert(rebound));
    assertThat(find("p1", ResourceType.LLM, "gpt-4o")).contains(rebound);
  }

  @Test
  public void refusesToUpdateAMissingBinding() {
    assertThatThrownBy(() -> write(resources -> resources.update(resource("r1", "p1", "gpt-4o"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(ProductResourceId.of("r1"))).isEmpty();
  }

  @Test
  public void listsEveryBindingOfAProductOldestFirstWhateverItsStatus() {
    ProductResource newest = resource("r1", "p1", "o3", minutesAfterT0(2));
    ProductResource unbound =
        resource("r3", "p1", "gpt-4o", minutesAfterT0(1)).withStatus(ResourceStatus.UNBOUND);
    ProductResource tied = resource("r2", "p1", "gpt-4o-mini", minutesAfterT0(1));
    ProductResource oldest = resource("r9", "p1", "claude", T0);
    ProductResource otherProduct = resource("r0", "p2", "gpt-4o", T0);
    write(
        resources ->
            List.of(newest, unbound, tied, oldest, otherProduct).forEach(resources::insert));

    assertThat(findByProduct(ProductId.of("p1"))).containsExactly(oldest, tied, unbound, newest);
    assertThat(findByProduct(ProductId.of("p3"))).isEmpty();
  }
}
