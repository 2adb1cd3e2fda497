package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.balance;
import static dev.tally.core.testing.Samples.cny;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.BalanceRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BalanceRepository} does: it round-trips every field, refuses a second balance
 * for an org and an update of a missing one, and lists balances by org id, of one status or all,
 * with totals. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes one
 * instance per test.
 */
public abstract class BalanceRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<BalanceRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.balances());
          return null;
        });
  }

  private <T> T read(Function<BalanceRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.balances()));
  }

  private Optional<CustomerBalance> find(OrgId orgId) {
    return read(balances -> balances.find(orgId));
  }

  private Optional<CustomerBalance> lock(OrgId orgId) {
    return read(balances -> balances.lock(orgId));
  }

  private void insert(CustomerBalance... balances) {
    write(repository -> List.of(balances).forEach(repository::insert));
  }

  private static CustomerBalance inArrears(String org) {
    return balance(org).moved(cny("-200.0001"), 8, Operation.PAY, minutesAfterT0(4));
  }

  @Test
  public void roundTripsEveryFieldOfABalance() {
    CustomerBalance balance = balance("org-1");
    insert(balance);

    assertThat(find(balance.orgId())).contains(balance);
  }

  @Test
  public void roundTripsANewlyOpenedBalanceWithoutRechargeNorConsumption() {
    CustomerBalance opened = CustomerBalance.open(OrgId.of("org-1"), Currency.of("USD"), T0);
    insert(opened);

    assertThat(find(opened.orgId())).contains(opened);
  }

  @Test
  public void roundTripsANegativeBalanceInArrears() {
    CustomerBalance arrears = inArrears("org-1");
    insert(arrears);

    assertThat(arrears.status()).isEqualTo(BalanceStatus.ARREARS);
    assertThat(find(arrears.orgId())).contains(arrears);
  }

  @Test
  public void locksAndUpdatesTheBalancesOfManyOrgsAtOnce() {
    insert(balance("org-1"), balance("org-2"));
    CustomerBalance arrears = inArrears("org-2");

    Map<OrgId, CustomerBalance> locked =
        read(
            balances -> {
              Map<OrgId, CustomerBalance> held =
                  balances.lockAll(
                      List.of(OrgId.of("org-2"), OrgId.of("org-3"), OrgId.of("org-1")));
              balances.updateAll(List.of(arrears));
              return held;
            });

    assertThat(locked)
        .containsOnly(
            Map.entry(OrgId.of("org-1"), balance("org-1")),
            Map.entry(OrgId.of("org-2"), balance("org-2")));
    assertThat(find(OrgId.of("org-2"))).contains(arrears);
    assertThat(find(OrgId.of("org-1"))).contains(balance("org-1"));
  }

  @Test
  public void findsNoBalanceForAnUnknownOrg() {
    insert(balance("org-1"));

    assertThat(find(OrgId.of("org-2"))).isEmpty();
    assertThat(lock(OrgId.of("org-2"))).isEmpty();
  }

  @Test
  public void refusesASecondBalanceForTheSameOrg() {
    insert(balance("org-1"));
    CustomerBalance again = CustomerBalance.open(OrgId.of("org-1"), Currency.CNY, T0);

    assertThatThrownBy(() -> insert(again)).isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(again.orgId())).contains(balance("org-1"));
  }

  @Test
  public void updatesEveryChangingFieldOfABalance() {
    insert(balance("org-1"));
    Money limit = cny("500");
    CustomerBalance changed =
        balance("org-1")
            .moved(cny("30.0001"), 8, Operation.RECHARGE, minutesAfterT0(10))
            .withHeld(cny("0"), minutesAfterT0(11))
            .withCreditLimit(limit, minutesAfterT0(12))
            .suspended(minutesAfterT0(13));

    write(balances -> balances.update(changed));

    assertThat(find(changed.orgId())).contains(changed);
  }

  @Test
  public void refusesToUpdateAMissingBalance() {
    assertThatThrownBy(() -> write(balances -> balances.update(balance("org-1"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(OrgId.of("org-1"))).isEmpty();
  }

  @Test
  public void locksABalance() {
    insert(balance("org-1"), balance("org-2"));

    assertThat(lock(OrgId.of("org-2"))).contains(balance("org-2"));
  }

  @Test
  public void listsBalancesByOrgIdWithTotal() {
    insert(balance("org-c"), balance("org-a"), balance("org-b"));

    Page<CustomerBalance> page =
        read(balances -> balances.list(Optional.empty(), PageRequest.first(10)));

    assertThat(page.items()).containsExactly(balance("org-a"), balance("org-b"), balance("org-c"));
    assertThat(page.total()).isEqualTo(3);
  }

  @Test
  public void filtersBalancesByStatus() {
    CustomerBalance suspended = balance("org-1").suspended(minutesAfterT0(5));
    CustomerBalance arrears = inArrears("org-2");
    CustomerBalance active = balance("org-3");
    CustomerBalance alsoArrears = inArrears("org-0");
    insert(suspended, arrears, active, alsoArrears);

    assertThat(list(BalanceStatus.ARREARS)).containsExactly(alsoArrears, arrears);
    assertThat(list(BalanceStatus.SUSPENDED)).containsExactly(suspended);
    assertThat(list(BalanceStatus.ACTIVE)).containsExactly(active);
  }

  private List<CustomerBalance> list(BalanceStatus status) {
    return read(balances -> balances.list(Optional.of(status), PageRequest.first(10))).items();
  }

  @Test
  public void pagesBalancesWithTheTotalOfEveryMatch() {
    for (int i = 1; i <= 5; i++) {
      insert(balance("org-" + i));
    }
    insert(inArrears("org-9"));

    Page<CustomerBalance> second =
        read(
            balances -> balances.list(Optional.of(BalanceStatus.ACTIVE), new PageRequest(2, 2)));
    Page<CustomerBalance> beyond =
        read(
            balances -> balances.list(Optional.of(BalanceStatus.ACTIVE), new PageRequest(9, 2)));

    assertThat(second.items()).containsExactly(balance("org-3"), balance("org-4"));
    assertThat(second.total()).isEqualTo(5);
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
  }

  @Test
  public void visitsEveryBalance() {
    insert(balance("org-1"), inArrears("org-2"), balance("org-3").suspended(T0));
    List<CustomerBalance> visited = new ArrayList<>();

    store.inTransaction(
        repositories -> {
          repositories.balances().forEach(visited::add);
          return null;
        });

    assertThat(visited)
        .containsExactlyInAnyOrder(
            balance("org-1"), inArrears("org-2"), balance("org-3").suspended(T0));
  }
}
