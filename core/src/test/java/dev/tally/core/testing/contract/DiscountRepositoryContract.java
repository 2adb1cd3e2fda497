package dev.tally.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.DiscountRepository;
import dev.tally.core.port.out.UnitOfWork;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DiscountRepository} does: it saves (inserts or replaces) one discount per
 * (reseller, customer), finds, deletes and lists them by reseller then customer, with their
 * multipliers exact. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes
 * one instance per test.
 */
public abstract class DiscountRepositoryContract {
  private static final OrgId RESELLER_1 = OrgId.of("reseller-1");
  private static final OrgId RESELLER_2 = OrgId.of("reseller-2");
  private static final OrgId ACME = OrgId.of("acme");
  private static final OrgId GLOBEX = OrgId.of("globex");
  private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00.123456Z");

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private static CustomerDiscount discount(OrgId reseller, OrgId customer, String multiplier) {
    return new CustomerDiscount(reseller, customer, new BigDecimal(multiplier), MARCH_1);
  }

  private void write(Consumer<DiscountRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.discounts());
          return null;
        });
  }

  private <T> T read(Function<DiscountRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.discounts()));
  }

  private Optional<CustomerDiscount> find(OrgId reseller, OrgId customer) {
    return read(discounts -> discounts.find(reseller, customer));
  }

  private boolean delete(OrgId reseller, OrgId customer) {
    return read(discounts -> discounts.delete(reseller, customer));
  }

  private Page<CustomerDiscount> list(
      Optional<OrgId> reseller, Optional<OrgId> customer, PageRequest page) {
    return read(discounts -> discounts.list(reseller, customer, page));
  }

  @Test
  public void roundTripsADiscountToItsLastDecimal() {
    CustomerDiscount discount = discount(RESELLER_1, ACME, "0.876543");
    write(discounts -> discounts.save(discount));

    Optional<CustomerDiscount> found = find(RESELLER_1, ACME);

    assertThat(found).contains(discount);
    assertThat(found.orElseThrow().multiplier().toPlainString()).isEqualTo("0.876543");
  }

  @Test
  public void findsEveryDiscountOfOneResellerByCustomer() {
    write(
        discounts -> {
          discounts.save(discount(RESELLER_1, ACME, "0.9"));
          discounts.save(discount(RESELLER_2, ACME, "0.8"));
          discounts.save(discount(RESELLER_1, GLOBEX, "0.123456"));
        });

    Map<OrgId, CustomerDiscount> ofReseller1 = read(discounts -> discounts.findAllOf(RESELLER_1));

    assertThat(ofReseller1)
        .containsOnly(
            Map.entry(ACME, discount(RESELLER_1, ACME, "0.9")),
            Map.entry(GLOBEX, discount(RESELLER_1, GLOBEX, "0.123456")));
    Map<OrgId, CustomerDiscount> ofNoReseller =
        read(discounts -> discounts.findAllOf(OrgId.of("reseller-3")));
    assertThat(ofNoReseller).isEmpty();
  }

  @Test
  public void keepsOneDiscountPerResellerAndCustomer() {
    write(
        discounts -> {
          discounts.save(discount(RESELLER_1, ACME, "0.9"));
          discounts.save(discount(RESELLER_2, ACME, "0.8"));
          discounts.save(discount(RESELLER_1, GLOBEX, "0.7"));
        });

    write(discounts -> discounts.save(discount(RESELLER_1, ACME, "0.95")));

    assertThat(find(RESELLER_1, ACME))
        .contains(discount(RESELLER_1, ACME, "0.95"));
    assertThat(find(RESELLER_2, ACME))
        .contains(discount(RESELLER_2, ACME, "0.8"));
    assertThat(find(RESELLER_2, GLOBEX)).isEmpty();
    assertThat(list(Optional.empty(), Optional.empty(), PageRequest.firstPage()).total())
        .isEqualTo(3);
  }

  @Test
  public void deletesADiscountAndSaysWhetherThereWasOne() {
    write(discounts -> discounts.save(discount(RESELLER_1, ACME, "0.9")));

    assertThat(delete(RESELLER_1, ACME)).isTrue();
    assertThat(delete(RESELLER_1, ACME)).isFalse();
    assertThat(find(RESELLER_1, ACME)).isEmpty();
  }

  @Test
  public void listsByResellerThenCustomerFilteredByEitherWithTotal() {
    write(
        discounts -> {
          discounts.save(discount(RESELLER_2, ACME, "0.8"));
          discounts.save(discount(RESELLER_1, GLOBEX, "0.7"));
          discounts.save(discount(RESELLER_1, ACME, "0.9"));
        });

    Page<CustomerDiscount> all = list(Optional.empty(), Optional.empty(), PageRequest.first(2));
    Page<CustomerDiscount> ofReseller1 =
        list(Optional.of(RESELLER_1), Optional.empty(), PageRequest.firstPage());
    Page<CustomerDiscount> ofAcme = list(Optional.empty(), Optional.of(ACME), PageRequest.firstPage());

    assertThat(all.items())
        .containsExactly(discount(RESELLER_1, ACME, "0.9"), discount(RESELLER_1, GLOBEX, "0.7"));
    assertThat(all.total()).isEqualTo(3);
    assertThat(ofReseller1.items()).extracting(CustomerDiscount::customerOrgId).containsExactly(ACME, GLOBEX);
    assertThat(ofAcme.items())
        .extracting(CustomerDiscount::resellerOrgId)
        .containsExactly(RESELLER_1, RESELLER_2);
  }
}
