package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.instant;
import static dev.tally.core.testing.Samples.supplier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.port.out.SupplierRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SupplierRepository} does: it round-trips every field, refuses a duplicate org
 * and an update of a missing row, and lists suppliers by org id a page at a time with the total.
 * Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes one instance per
 * test.
 */
public abstract class SupplierRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<SupplierRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.suppliers());
          return null;
        });
  }

  private <T> T read(Function<SupplierRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.suppliers()));
  }

  private Optional<Supplier> find(OrgId orgId) {
    return read(suppliers -> suppliers.find(orgId));
  }

  @Test
  public void roundTripsEveryFieldOfASupplier() {
    Supplier supplier =
        new Supplier(
            OrgId.of("supplier-1"),
            "Deep Models Ltd.",
            SupplierStatus.INACTIVE,
            instant("2025-11-30T22:33:44.555666Z"));
    write(suppliers -> suppliers.insert(supplier));

    assertThat(find(supplier.orgId())).contains(supplier);
    assertThat(find(OrgId.of("supplier-2"))).isEmpty();
  }

  @Test
  public void refusesASecondSupplierWithTheSameOrg() {
    write(suppliers -> suppliers.insert(supplier("supplier-1")));
    Supplier again = supplier("supplier-1").withStatus(SupplierStatus.INACTIVE);

    assertThatThrownBy(() -> write(suppliers -> suppliers.insert(again)))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(again.orgId())).contains(supplier("supplier-1"));
  }

  @Test
  public void updatesASupplier() {
    write(suppliers -> suppliers.insert(supplier("supplier-1")));
    Supplier renamed =
        new Supplier(OrgId.of("supplier-1"), "Renamed", SupplierStatus.INACTIVE, T0);

    write(suppliers -> suppliers.update(renamed));

    assertThat(find(renamed.orgId())).contains(renamed);
  }

  @Test
  public void refusesToUpdateAMissingSupplier() {
    assertThatThrownBy(() -> write(suppliers -> suppliers.update(supplier("supplier-1"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(OrgId.of("supplier-1"))).isEmpty();
  }

  @Test
  public void listsSuppliersByOrgIdWithTotal() {
    write(
        suppliers ->
            List.of("s-c", "s-a", "s-e", "s-b", "s-d")
                .forEach(org -> suppliers.insert(supplier(org))));

    Page<Supplier> first = read(suppliers -> suppliers.list(PageRequest.first(3)));
    Page<Supplier> second = read(suppliers -> suppliers.list(new PageRequest(2, 3)));

    assertThat(first.items())
        .extracting(supplier -> supplier.orgId().value())
        .containsExactly("s-a", "s-b", "s-c");
    assertThat(first.total()).isEqualTo(5);
    assertThat(second.items())
        .extracting(supplier -> supplier.orgId().value())
        .containsExactly("s-d", "s-e");
    assertThat(second.total()).isEqualTo(5);
  }

  @Test
  public void listsNoSupplierOfAnEmptyStore() {
    Page<Supplier> page = read(suppliers -> suppliers.list(PageRequest.firstPage()));

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isZero();
  }
}
