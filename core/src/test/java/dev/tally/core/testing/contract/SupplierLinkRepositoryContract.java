package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.instant;
import static dev.tally.core.testing.Samples.perUnit;
import static dev.tally.core.testing.Samples.supplierLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.port.out.SupplierLinkRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SupplierLinkRepository} does: it one link per (resource, supplier);
 * round-trips, updates and deletes links, and lists a resource's links by priority then supplier,
 * inactive ones included. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class SupplierLinkRepositoryContract {
  private static final ProductResourceId R1 = ProductResourceId.of("r1");

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<SupplierLinkRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.supplierLinks());
          return null;
        });
  }

  private <T> T read(Function<SupplierLinkRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.supplierLinks()));
  }

  private Optional<SupplierLink> find(ProductResourceId resourceId, OrgId supplierOrgId) {
    return read(links -> links.find(resourceId, supplierOrgId));
  }

  private List<SupplierLink> findByResource(ProductResourceId resourceId) {
    return read(links -> links.findByResource(resourceId));
  }

  private boolean delete(ProductResourceId resourceId, OrgId supplierOrgId) {
    return read(links -> links.delete(resourceId, supplierOrgId));
  }

  @Test
  public void roundTripsEveryFieldOfALink() {
    SupplierLink link =
        new SupplierLink(
            R1,
            OrgId.of("supplier-1"),
            perUnit("0.12345678"),
            7,
            LinkStatus.INACTIVE,
            instant("2026-02-03T04:05:06.700008Z"));
    write(links -> links.insert(link));

    assertThat(find(R1, OrgId.of("supplier-1"))).contains(link);
    assertThat(find(R1, OrgId.of("supplier-2"))).isEmpty();
    assertThat(find(ProductResourceId.of("r2"), OrgId.of("supplier-1"))).isEmpty();
  }

  @Test
  public void refusesASecondLinkOfTheSameResourceAndSupplier() {
    write(links -> links.insert(supplierLink("r1", "supplier-1", 1)));

    assertThatThrownBy(() -> write(links -> links.insert(supplierLink("r1", "supplier-1", 2))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(R1, OrgId.of("supplier-1"))).contains(supplierLink("r1", "supplier-1", 1));
  }

  @Test
  public void linksOneSupplierToSeveralResources() {
    write(
        links -> {
          links.insert(supplierLink("r1", "supplier-1", 1));
          links.insert(supplierLink("r2", "supplier-1", 1));
        });

    assertThat(findByResource(ProductResourceId.of("r2")))
        .containsExactly(supplierLink("r2", "supplier-1", 1));
  }

  @Test
  public void updatesTheCostPriorityAndStatusOfALink() {
    write(links -> links.insert(supplierLink("r1", "supplier-1", 1)));
    SupplierLink changed =
        supplierLink("r1", "supplier-1", 1).with(perUnit("0.5"), 3, LinkStatus.INACTIVE);

    write(links -> links.update(changed));

    assertThat(find(R1, OrgId.of("supplier-1"))).contains(changed);
  }

  @Test
  public void refusesToUpdateAMissingLink() {
    assertThatThrownBy(() -> write(links -> links.update(supplierLink("r1", "supplier-1", 1))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(findByResource(R1)).isEmpty();
  }

  @Test
  public void deletesALinkAndSaysWhetherThereWasOne() {
    write(
        links -> {
          links.insert(supplierLink("r1", "supplier-1", 1));
          links.insert(supplierLink("r1", "supplier-2", 1));
        });

    assertThat(delete(R1, OrgId.of("supplier-1"))).isTrue();
    assertThat(delete(R1, OrgId.of("supplier-1"))).isFalse();
    assertThat(delete(ProductResourceId.of("r2"), OrgId.of("supplier-2"))).isFalse();
    assertThat(find(R1, OrgId.of("supplier-1"))).isEmpty();
    assertThat(findByResource(R1)).containsExactly(supplierLink("r1", "supplier-2", 1));
  }

  @Test
  public void listsTheLinksOfAResourceByPriorityThenSupplierWhateverTheirStatus() {
    SupplierLink second = supplierLink("r1", "supplier-b", 1);
    SupplierLink first = supplierLink("r1", "supplier-c", 0);
    SupplierLink third = supplierLink("r1", "supplier-a", 2);
    SupplierLink inactive =
        supplierLink("r1", "supplier-d", 1).with(perUnit("0.1"), 1, LinkStatus.INACTIVE);
    SupplierLink otherResource = supplierLink("r2", "supplier-a", 0);
    write(
        links ->
            List.of(second, first, third, inactive, otherResource).forEach(links::insert));

    assertThat(findByResource(R1)).containsExactly(first, second, inactive, third);
    assertThat(findByResource(ProductResourceId.of("r3"))).isEmpty();
  }
}
